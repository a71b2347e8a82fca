from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

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
    coordinators run an English browser and still expect Koppel in Dutch."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if not chosen and user is not None and user.is_authenticated:
            chosen = user.language
        try:
            language = translation.get_supported_language_variant(chosen or "")
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
