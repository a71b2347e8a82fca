from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("koppelen/", views.queue, name="queue"),
    path("export/<slug:name>.csv", views.export, name="export"),
]
