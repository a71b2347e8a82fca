from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from . import i18n
from .models import Membership


class MembershipMiddleware:
    """Puts `request.membership` and `request.organisation` on every request (None for
    visitors and volunteers), so views and templates never look them up themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = None
        if request.user.is_authenticated:
            membership = (
                Membership.objects.select_related("organisation")
                .filter(user_id=request.user.pk)
                .first()
            )
        request.membership = membership
        request.organisation = membership.organisation if membership else None
        return self.get_response(request)


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Dutch unless someone chose otherwise: the language switch (a cookie) or the signed-in
    user's saved language. The browser's Accept-Language is ignored on purpose: many Dutch
    coordinators run an English browser and still expect Koppel in Dutch.

    A choice only counts on pages that speak it (core.i18n): Arabic, Turkish and Ukrainian on
    the volunteers' pages, Dutch and English everywhere. Until the view is known (and for
    anything answered without a view) only Dutch or English is active."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if not chosen and user is not None and user.is_authenticated:
            chosen = user.language
        request.chosen_language = i18n.supported(chosen) or settings.LANGUAGE_CODE
        request.page_languages = i18n.STAFF_LANGUAGES
        self._activate(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if i18n.is_portal_view(view_func, match.url_name if match else None):
            request.page_languages = i18n.all_languages()
        else:
            request.page_languages = i18n.STAFF_LANGUAGES
        self._activate(request)

    @staticmethod
    def _activate(request):
        translation.activate(i18n.page_language(request.chosen_language, request.page_languages))
        request.LANGUAGE_CODE = translation.get_language()
