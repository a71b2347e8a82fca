from django.urls import path

from . import views

app_name = "caregivers"

urlpatterns = [
    path("hulpvragen/", views.request_list, name="request_list"),
    path("hulpvragen/export.csv", views.request_export, name="request_export"),
    path("hulpvragen/nieuw/", views.intake, name="intake"),
    path("hulpvragen/importeren/", views.request_import, name="request_import"),
    path("hulpvragen/importeren/<int:pk>/", views.request_import_confirm,
         name="request_import_confirm"),
    path("hulpvragen/<int:pk>/", views.request_detail, name="request_detail"),
    path("hulpvragen/<int:pk>/wijzigen/", views.request_edit, name="request_edit"),
    path("hulpvragen/<int:pk>/status/", views.request_transition, name="request_transition"),
    path("hulpvragen/<int:pk>/doorverwijzen/", views.request_refer, name="request_refer"),
    path("mantelzorgers/<int:pk>/", views.caregiver_detail, name="caregiver_detail"),
    path("mantelzorgers/<int:pk>/wijzigen/", views.caregiver_edit, name="caregiver_edit"),
    path("mantelzorgers/<int:pk>/wissen/", views.caregiver_erase, name="caregiver_erase"),
    path("zorgvragers/<int:pk>/", views.recipient_detail, name="recipient_detail"),
    path("zorgvragers/<int:pk>/wijzigen/", views.recipient_edit, name="recipient_edit"),
    path("zorgvragers/<int:pk>/wissen/", views.recipient_erase, name="recipient_erase"),
    path("sociale-kaart/", views.partner_list, name="partner_list"),
    path("sociale-kaart/nieuw/", views.partner_create, name="partner_create"),
    path("sociale-kaart/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("sociale-kaart/<int:pk>/wijzigen/", views.partner_edit, name="partner_edit"),
]
