"""Who may see what: the one place where staff access is decided.

Rules, the same for every object type:
- anonymous visitors are sent to the login page;
- a signed-in user who is not staff of an organisation gets 403 on staff pages;
- an object of another organisation is a 404, whatever the role (nobody learns it exists);
- a role too small for the action is a 403.

Views declare what they need:

    @staff_required(COORDINATORS)
    def volunteer_import(request): ...

    @staff_required()
    def volunteer_detail(request, pk):
        volunteer = get_for_staff(request, Volunteer, roles=STAFF, pk=pk)
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

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
