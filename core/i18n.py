"""Which languages a page may speak.

Staff pages are Dutch or English. The pages volunteers see (the welcome page, the signup
wizard with the account pages it passes through, Mijn Koppel and their journey) also speak
Arabic, Turkish and Ukrainian, because many volunteers read those better (issue 10, seed 000).

A page is a staff page unless its view says otherwise, so a new staff page never shows up
half-translated in Arabic:

    @portal_page
    def mine(request): ...

django-allauth's views cannot carry the decorator; the ones volunteers pass through are
listed by URL name in PORTAL_URL_NAMES. The middleware (core.middleware) activates the
chosen language only on pages that allow it and Dutch everywhere else.
"""

from django.conf import settings
from django.utils import translation

STAFF_LANGUAGES = ("nl", "en")

# allauth's pages on a volunteer's way in: sign up, confirm the address, log in and out,
# forget and reset the password, change it from the account menu.
PORTAL_URL_NAMES = frozenset({
    "account_signup", "account_login", "account_logout", "account_inactive",
    "account_email_verification_sent", "account_confirm_email",
    "account_reset_password", "account_reset_password_done",
    "account_reset_password_from_key", "account_reset_password_from_key_done",
    "account_change_password",
})

_ATTRIBUTE = "koppel_portal_page"


def all_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def portal_page(view):
    """Mark a view as a page for volunteers: it speaks every language of settings.LANGUAGES."""
    setattr(view, _ATTRIBUTE, True)
    return view


def is_portal_view(view_func, url_name: str | None = None) -> bool:
    return bool(getattr(view_func, _ATTRIBUTE, False)) or url_name in PORTAL_URL_NAMES


def supported(code: str | None) -> str | None:
    """The language of settings.LANGUAGES for `code` (`ar-MA` -> `ar`), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def page_language(chosen: str | None, allowed) -> str:
    """The chosen language when the page speaks it, otherwise Dutch."""
    return chosen if chosen in allowed else settings.LANGUAGE_CODE


def may_save_language(user, language: str) -> bool:
    """Staff keep Dutch or English as the language of their e-mails, whatever they pick on a
    volunteer page; volunteers may keep any language of the portal."""
    if language not in all_languages():
        return False
    if hasattr(user, "membership"):
        return language in STAFF_LANGUAGES
    return True


def email_language(user) -> str:
    """The language of e-mails to `user`: their own choice, within what their pages speak."""
    language = supported(getattr(user, "language", None)) or settings.LANGUAGE_CODE
    if hasattr(user, "membership") and language not in STAFF_LANGUAGES:
        return settings.LANGUAGE_CODE
    return language


def language_options(allowed, current: str) -> list[dict]:
    """The languages a page offers in its language bar, each named in its own language."""
    options = []
    for code in allowed:
        info = translation.get_language_info(code)
        options.append({"code": code, "name": info["name_local"], "bidi": info["bidi"],
                        "current": code == current})
    return options
