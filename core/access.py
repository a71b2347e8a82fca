"""Who may see what: the one place where staff access is decided.

Rules, the same for every object type:
- anonymous visitors are sent to the login page;
- a signed-in user who is not staff of an organisation gets 403 on staff pages;
- an object of another organisation is a 404, whatever the role (nobody learns it exists);
- a role too small for the action is a 403;
- staff without a second factor (TOTP) are sent to set it up first.

Views declare what they need:

    @staff_required(COORDINATORS)
    def volunteer_import(request): ...

    @staff_required()
    def volunteer_detail(request, pk):
        volunteer = get_for_staff(request, Volunteer, roles=STAFF, pk=pk)
"""

from functools import wraps

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from .models import Role

STAFF = frozenset({Role.ADMIN, Role.COORDINATOR, Role.MATCHMAKER})
COORDINATORS = frozenset({Role.ADMIN, Role.COORDINATOR})
MATCHMAKERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.MATCHMAKER})
ADMINS = frozenset({Role.ADMIN})


def has_role(request, roles) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role in roles


def staff_required(roles=STAFF):
    """Only staff members of an organisation, with one of `roles`, get in."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.membership is None or request.membership.role not in roles:
                raise PermissionDenied
            if settings.KOPPEL_STAFF_MFA_REQUIRED and not get_mfa_adapter().is_mfa_enabled(
                request.user
            ):
                messages.info(request, _("Stel eerst tweestapsverificatie in. Dat is verplicht "
                                         "voor medewerkers, omdat je gegevens van kwetsbare "
                                         "mensen ziet."))
                return redirect("mfa_activate_totp")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def for_organisation(model_or_queryset, organisation) -> QuerySet:
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    return queryset.filter(organisation=organisation)


def get_for_staff(request, model_or_queryset, *, roles=STAFF, **lookup) -> Model:
    """The object of the user's own organisation, or 404; then 403 if the role is too small."""
    obj = get_object_or_404(for_organisation(model_or_queryset, request.organisation), **lookup)
    if request.membership.role not in roles:
        raise PermissionDenied
    return obj
