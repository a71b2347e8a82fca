"""Signals of the match lifecycle, sent inside the transaction of the transition, so a
receiver's writes (the check-ins it plans or cancels) commit or roll back with it.

Arguments: `match` (the Match, already in its new status) and `now` (the moment of the
transition; pass it on so time-travel tests stay exact). Sender: the Match class.
"""

from django.dispatch import Signal

match_activated = Signal()        # help started: the match went active
introduction_planned = Signal()   # the first meeting got (or changed) a date and place
match_closed = Signal()           # ended (after active) or declined (before it started)
# A staff task was marked done (`task`, `now`; sender: the Task class), e.g. for dashboards
# that count open tasks.
task_completed = Signal()
