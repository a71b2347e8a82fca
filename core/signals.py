"""Signals every app may join.

- `person_erasing(sender=<model class>, person=, organisation=, identifiers=, now=)`: a
  volunteer, caregiver or care recipient is being erased (AVG art. 17), sent inside the
  erase transaction before their row is anonymised. `identifiers` are the strings that
  would identify them (full name, e-mail address, phone number). Every app that keeps free
  text or files (notes, uploads waiting for confirmation, logs) removes what mentions them:
  use `core.erasure.scrub_texts` and `core.erasure.mentions`. An app added later joins by
  connecting a receiver; tests/trust/test_erasure_leaves_nothing.py searches every table.
"""

from django.dispatch import Signal

person_erasing = Signal()
