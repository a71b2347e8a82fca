from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from core import views as core_views

# The admin signs in through allauth, so its login is rate-limited like every other.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Koppel"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("account/", include("allauth.urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("dashboard/", include("dashboard.urls")),
    path("", include("matchmaking.urls")),
    path("", include("placements.urls")),
    path("", include("checkins.urls")),
    path("", include("journey.urls")),
    path("", include("caregivers.urls")),
    path("", include("volunteers.urls")),
    path("", include("core.urls")),
]

# Koppel's own error pages (core/errors.py): the site's layout, translated, no stack traces.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
