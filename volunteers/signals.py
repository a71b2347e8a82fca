"""Signals other apps (journey, matchmaking) connect to; volunteers never imports them.

- `volunteer_signed_up(sender=Volunteer, volunteer=, now=)`: a volunteer confirmed the
  signup wizard (status `intake`). Imported volunteers do not send it; their creation is an
  ordinary `post_save` with `created=True` (the import sends those itself after its bulk
  insert, inside the same transaction).
- `volunteer_erasing(sender=Volunteer, volunteer=, now=)`: sent inside the erase transaction,
  before the volunteer row is anonymised, so other apps can anonymise what they hold.
- `volunteer_personal_data(sender=Volunteer, volunteer=)`: receivers return
  `(section_name, json_serialisable_data)`; each section is added to "download my data".
"""

from django.dispatch import Signal

volunteer_signed_up = Signal()
volunteer_erasing = Signal()
volunteer_personal_data = Signal()
