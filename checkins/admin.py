from django.contrib import admin

from .models import FollowUpSettings


@admin.register(FollowUpSettings)
class FollowUpSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "moments", "reminder_days", "call_days", "link_days",
                    "introduction_days"]
