"""django-allauth wired to Koppel: open signup is for volunteers only (staff come in by
invitation), and the language of the page becomes the language of later e-mails."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import get_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = (get_language() or "nl")[:10]
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        # Staff keep their second factor: switching it off would open personal data to
        # anyone with a leaked password. Volunteers opted in and may opt out.
        from .models import Membership

        if Membership.objects.filter(user_id=authenticator.user_id).exists():
            return False
        return super().can_delete_authenticator(authenticator)
