"""Koppel's URLs plus one that fails, to see the 500 page (tests/trust/test_error_pages.py)."""

from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("geheime details die niemand mag zien")


urlpatterns = [path("kapot/", boom), *urlpatterns]
