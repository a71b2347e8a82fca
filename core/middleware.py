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
