"""The project's URLs plus a stand-in for the matching review page (another app builds it)."""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import urlpatterns as project_urls

review = ([path("review/<int:pk>/", lambda request, pk: HttpResponse("review"), name="review")],
          "matchmaking")

urlpatterns = [path("koppelen/", include(review)), *project_urls]
