from django.urls import path

from . import views

app_name = "matchmaking"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("hulpvraag/<int:pk>/", views.review, name="review"),
    path("hulpvraag/<int:pk>/voorstellen/", views.propose, name="propose"),
    path("hulpvraag/<int:pk>/afwijzen/", views.reject, name="reject"),
    path("alle-hulpvragen/", views.pairing, name="pairing"),
    path("alle-hulpvragen/voorstellen/", views.pairing_approve, name="pairing_approve"),
    path("gewichten/", views.weights, name="weights"),
    path("vrijwilliger/<int:pk>/", views.volunteer_matches, name="volunteer_matches"),
]
