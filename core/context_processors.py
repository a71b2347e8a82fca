from django.conf import settings
from django.utils.translation import get_language

from .access import ADMINS, COORDINATORS, MATCHMAKERS, has_role
from .i18n import STAFF_LANGUAGES, language_options


def koppel(request):
    return {
        "membership": getattr(request, "membership", None),
        "organisation": getattr(request, "organisation", None),
        "is_admin": has_role(request, ADMINS),
        "is_coordinator": has_role(request, COORDINATORS),
        "is_matchmaker": has_role(request, MATCHMAKERS),
        "debug": settings.DEBUG,
        # The language bar: what this page speaks (core.i18n), each named in its own language.
        "page_languages": language_options(
            getattr(request, "page_languages", STAFF_LANGUAGES), get_language()),
    }
