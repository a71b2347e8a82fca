"""The dashboard's one table: each open request's best suggestion, stored.

Scoring a request against every volunteer takes milliseconds; doing it for thousands of
open requests on every page view does not scale. `top_suggestions_refresh` (a command, a
Celery beat task, and after a matching-relevant change) writes the result here and the
matchmaker's queue reads it. It is derived data: deleting every row loses nothing.
"""

from django.db import models
from django.utils import timezone

from caregivers.models import HelpRequest
from core.models import Organisation
from volunteers.models import Volunteer


class TopSuggestion(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    request = models.OneToOneField(HelpRequest, on_delete=models.CASCADE,
                                   related_name="top_suggestion")
    volunteer = models.ForeignKey(Volunteer, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    score = models.FloatField(null=True, blank=True)
    eligible = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["organisation", "computed_at"])]

    def __str__(self):
        return f"{self.request_id} -> {self.volunteer_id} ({self.score})"
