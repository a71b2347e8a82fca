"""Koppel's own error pages: the site's layout, the visitor's language, never a stack trace.

Each page renders with the full request context (menu, language bar) and falls back to a
page without context when even that fails (the 500 page must always answer)."""

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from . import i18n

log = logging.getLogger(__name__)


def _error_page(request, template: str, status: int) -> HttpResponse:
    # Error pages are public: they speak every portal language (core.i18n), also when no
    # view was found to say so.
    chosen = getattr(request, "chosen_language", None)
    if chosen:
        request.page_languages = i18n.all_languages()
        translation.activate(i18n.page_language(chosen, request.page_languages))
        request.LANGUAGE_CODE = translation.get_language()
    try:
        return render(request, template, status=status)
    except Exception:  # noqa: BLE001 - an error page must not fail in turn
        log.exception("rendering %s failed", template)
        return HttpResponse(loader.render_to_string("errors/plain.html"), status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, "errors/400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error_page(request, "errors/403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, "errors/404.html", 404)


@requires_csrf_token
def server_error(request):
    return _error_page(request, "errors/500.html", 500)


def csrf_failure(request, reason=""):
    """An expired or missing form token: usually a form left open for hours, or cookies off."""
    return _error_page(request, "errors/csrf.html", 403)
