from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

# The admin signs in through allauth, so its login is rate-limited like every other.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Koppel"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dashboard/", include("dashboard.urls")),
    path("koppelen/", include("matchmaking.urls")),
    path("", include("core.urls")),
]
