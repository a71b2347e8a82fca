from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    path("koppelen/koppeling/<int:pk>/duo/", views.supporter, name="supporter"),
    path("koppelen/koppeling/<int:pk>/werkafspraken/", views.agreement, name="agreement"),
    path("mijn-koppel/duo-en-afspraken/", views.mine, name="mine"),
]
