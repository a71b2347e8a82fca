"""The help request's lifecycle: which status may follow which, and what the step is called.

    new -> intake_done -> matching -> matched -> closed
    new, intake_done, matching -> referred (to a partner) | withdrawn
    matching -> intake_done   (the request needs asking out again)
    matched -> matching       (the match fell through: look again)
    referred, withdrawn -> new  (reopened: the partner could not help, the family calls back)
    closed                    (final: a later wish for help is a new request)

The one write that follows this map is `caregivers.services.help_request_transition`.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import HelpRequest

Status = HelpRequest.Status

ALLOWED: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.INTAKE_DONE, Status.REFERRED, Status.WITHDRAWN}),
    Status.INTAKE_DONE: frozenset({Status.MATCHING, Status.REFERRED, Status.WITHDRAWN}),
    Status.MATCHING: frozenset({Status.MATCHED, Status.INTAKE_DONE, Status.REFERRED,
                                Status.WITHDRAWN}),
    Status.MATCHED: frozenset({Status.CLOSED, Status.MATCHING}),
    Status.REFERRED: frozenset({Status.NEW}),
    Status.WITHDRAWN: frozenset({Status.NEW}),
    Status.CLOSED: frozenset(),
}

# Steps that have their own flow and no plain button on the request page: a referral needs
# a partner and a reason (the refer page), a match is made by the matchmaking app.
OWN_FLOW = frozenset({Status.REFERRED, Status.MATCHED})

# What the button for a step says, by (from, to); (None, to) is the default for `to`.
ACTION_LABELS = {
    (None, Status.INTAKE_DONE): _("Intake afgerond"),
    (Status.MATCHING, Status.INTAKE_DONE): _("Terug naar intake"),
    (None, Status.MATCHING): _("Vrijwilliger zoeken"),
    (Status.MATCHED, Status.MATCHING): _("Koppeling ging niet door: opnieuw zoeken"),
    (None, Status.MATCHED): _("Gekoppeld"),
    (None, Status.CLOSED): _("Afsluiten"),
    (None, Status.REFERRED): _("Doorverwijzen"),
    (None, Status.WITHDRAWN): pgettext_lazy("help request", "Intrekken"),
    (None, Status.NEW): _("Heropenen"),
}


class InvalidTransition(ValueError):
    """A step the lifecycle does not allow; str() is a message for the person who tried."""

    def __init__(self, from_status: str, to_status: str):
        self.from_status, self.to_status = from_status, to_status
        super().__init__(from_status, to_status)

    def __str__(self):
        labels = dict(Status.choices)
        if self.to_status not in labels:
            return str(_("Onbekende status: %(status)s.") % {"status": self.to_status})
        allowed = sorted(str(labels[s]) for s in ALLOWED.get(self.from_status, ()))
        return str(_("Een hulpvraag met status '%(from)s' kan niet naar '%(to)s'. "
                     "Mogelijk: %(allowed)s.") % {
            "from": labels.get(self.from_status, self.from_status),
            "to": labels[self.to_status],
            "allowed": ", ".join(allowed) or _("niets meer (eindstatus)"),
        })


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED.get(from_status, ())


def action_label(from_status: str, to_status: str):
    return ACTION_LABELS.get((from_status, to_status)) or ACTION_LABELS[(None, to_status)]


# The usual next step from a status, shown as the main button. While matching, the main
# action is on the matching review page.
FORWARD = {
    Status.NEW: Status.INTAKE_DONE,
    Status.INTAKE_DONE: Status.MATCHING,
    Status.MATCHED: Status.CLOSED,
    Status.REFERRED: Status.NEW,
    Status.WITHDRAWN: Status.NEW,
}


def button_actions(status: str) -> list[tuple[str, str, bool]]:
    """(to_status, label, is_main) for the plain buttons on the request page: the usual next
    step first, then the others in lifecycle order."""
    order = list(Status.values)
    forward = FORWARD.get(status)
    targets = sorted(ALLOWED.get(status, ()) - OWN_FLOW,
                     key=lambda to: (to != forward, order.index(to)))
    return [(to, action_label(status, to), to == forward) for to in targets]
