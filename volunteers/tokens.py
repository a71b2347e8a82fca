"""Single-use links with which imported volunteers activate their account.

Django's password-reset token machinery: the token hashes the password and last login, so it
stops working the moment the volunteer chose a password (single use), and nothing needs to
be stored. Only the validity differs from a password reset: an invitation waits
KOPPEL_INVITATION_DAYS, like a staff invitation.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int, int_to_base36


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "volunteers.tokens.ActivationTokenGenerator"

    @property
    def timeout_seconds(self) -> int:
        return settings.KOPPEL_INVITATION_DAYS * 24 * 60 * 60

    def check_token(self, user, token) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= self.timeout_seconds


activation_token = ActivationTokenGenerator()


def user_uid(user) -> str:
    return int_to_base36(user.pk)


def user_pk_from_uid(uid: str) -> int | None:
    try:
        value = base36_to_int(uid)
    except ValueError:
        return None
    return value if 0 < value < 2**63 else None
