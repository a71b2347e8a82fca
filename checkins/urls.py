from django.urls import path

from . import portal_views, views

app_name = "checkins"

urlpatterns = [
    path("check-in/<str:token>/", portal_views.answer, name="answer"),
]
urlpatterns += [
    path("mijn-koppel/check-ins/", portal_views.mine, name="mine"),
    path("mijn-koppel/check-ins/<int:pk>/", portal_views.mine_answer, name="mine_answer"),
]
urlpatterns += [
    path("check-ins/", views.overview, name="overview"),
    path("check-ins/instellingen/", views.follow_up_settings, name="settings"),
    path("check-ins/koppeling/<int:pk>/", views.match_history, name="match"),
    path("check-ins/<int:pk>/antwoord/", views.record_answer, name="record_answer"),
]
