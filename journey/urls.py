from django.urls import path

from . import views

app_name = "journey"

urlpatterns = [
    path("reis/acties/", views.my_actions, name="my_actions"),
    path("reis/cijfers/", views.funnel, name="funnel"),
    path("reis/instellingen/", views.journey_settings, name="settings"),
    path("reis/vrijwilliger/<int:pk>/", views.timeline, name="timeline"),
    path("reis/vrijwilliger/<int:pk>/notitie/", views.note_add, name="note_add"),
    path("reis/vrijwilliger/<int:pk>/instroom-afronden/", views.intake_complete,
         name="intake_complete"),
    path("reis/vrijwilliger/<int:pk>/exitgesprek/", views.exit_conversation, name="exit"),
    path("reis/vrijwilliger/<int:pk>/opnieuw/", views.reactivate, name="reactivate"),
    path("reis/vrijwilliger/<int:pk>/getuigschrift/", views.certificate_edit,
         name="certificate_edit"),
    path("reis/getuigschrift/<int:pk>/<str:language>.pdf", views.certificate_download,
         name="certificate_pdf"),
    path("reis/stap/<int:pk>/afronden/", views.step_complete, name="step_complete"),
    path("reis/stap/<int:pk>/verzetten/", views.step_reschedule, name="step_reschedule"),
    path("mijn-koppel/reis/", views.mine, name="mine"),
    path("mijn-koppel/reis/getuigschrift/<int:pk>/<str:language>.pdf", views.mine_certificate,
         name="mine_certificate"),
]
