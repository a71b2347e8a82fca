from django.contrib import admin

from .models import JourneySettings, StepDefinition


@admin.register(JourneySettings)
class JourneySettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "retention_months"]


@admin.register(StepDefinition)
class StepDefinitionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "phase", "order", "code", "name", "due_days", "repeat_days",
                    "required", "active"]
    list_filter = ["organisation", "phase", "active"]
