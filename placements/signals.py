"""Sent inside the transaction of a change to a match's supporter or working agreements
(`match`, `now`, and `forget=True` when the supporter is being erased; sender
MatchSupporter or WorkingAgreement): the check-ins re-plan."""

from django.dispatch import Signal

placement_changed = Signal()
