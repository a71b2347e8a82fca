"""Walk the permission matrix: the pages a persona may open, for sweeps that must cover every
page without a list of their own (audit coverage, security headers, bad input, axe).

A page added to the matrix by any app is swept automatically."""

from django.urls import reverse

from ..conftest import login
from .routes import ROUTES
from .test_permission_matrix import PERSONAS, expected


def routes_for(persona: str, method: str, status: int = 200) -> list[str]:
    """Names of the routes the matrix says `persona` gets `status` for with `method`."""
    column = PERSONAS.index(persona)
    return sorted(name for (name, verb), statuses in expected().items()
                  if verb == method and statuses[column] == status)


def url_for(name: str, world) -> str:
    return reverse(name, args=ROUTES[name][0](world))


def client_for(users: dict, persona: str):
    from django.test import Client

    return login(users[persona]) if users[persona] else Client()
