from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("team/", views.team, name="team"),
    path("organisatie/", views.organisation_settings, name="organisation_settings"),
    path("audit/", views.audit_trail, name="audit"),
    path("team/<int:pk>/rol/", views.member_role, name="member_role"),
    path("team/<int:pk>/verwijderen/", views.member_remove, name="member_remove"),
    path("team/uitnodiging/<int:pk>/intrekken/", views.invitation_revoke,
         name="invitation_revoke"),
]
