"""Who gets into the volunteer's own pages (staff pages use core.access).

    @volunteer_required
    def mine(request):
        request.volunteer  # the signed-in person's own, finished profile

- visitors go to the login page;
- staff members are not volunteers: 403;
- someone signed in without a profile yet, or with an unfinished signup, is sent to the
  step of the signup wizard where they left off.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from .models import Volunteer

# The organisation a visitor chose on the welcome page, remembered until the profile exists.
SIGNUP_ORGANISATION_KEY = "volunteers_signup_organisation"


def own_volunteer(request) -> Volunteer | None:
    if not request.user.is_authenticated:
        return None
    return (Volunteer.objects.select_related("organisation", "user")
            .filter(user=request.user, anonymised_at=None).first())


def volunteer_required(view):
    """Only a volunteer with a finished signup; puts it on `request.volunteer`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        volunteer = own_volunteer(request)
        if volunteer is None:
            if request.membership is not None:
                raise PermissionDenied
            return redirect("volunteers:signup")
        if volunteer.signup_step:
            return redirect("volunteers:signup_step", step=volunteer.signup_step)
        request.volunteer = volunteer
        return view(request, *args, **kwargs)

    return wrapper


def signup_user_required(view):
    """The signup wizard: any signed-in person who is not staff. `request.volunteer` is their
    profile so far, or None before the first step is saved."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.membership is not None:
            raise PermissionDenied
        request.volunteer = own_volunteer(request)
        return view(request, *args, **kwargs)

    return wrapper
