from django.conf import settings

from .access import ADMINS, COORDINATORS, MATCHMAKERS, has_role


def koppel(request):
    return {
        "membership": getattr(request, "membership", None),
        "organisation": getattr(request, "organisation", None),
        "is_admin": has_role(request, ADMINS),
        "is_coordinator": has_role(request, COORDINATORS),
        "is_matchmaker": has_role(request, MATCHMAKERS),
        "debug": settings.DEBUG,
    }
