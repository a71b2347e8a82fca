"""Form widgets of the intake: languages with levels, and the weekday x day-part table."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.languages import language_name
from core.slots import DAY_PARTS, WEEKDAYS
from core.vocabulary import DayPart, Level, Weekday, slot_label


class LanguageRowsWidget(forms.Widget):
    """A few rows of "language (typed, with suggestions) + level (select)".

    The value is a list of (typed language, level code) pairs exactly as typed, so a form
    with an error shows everything again; the field turns names into codes."""

    template_name = "caregivers/widgets/language_rows.html"
    use_fieldset = True

    def __init__(self, rows=2, attrs=None):
        super().__init__(attrs)
        self.rows = rows

    def format_value(self, value):
        pairs = []
        for item in value or []:
            language, level = item
            # Initial data holds codes; show the name in the page's language.
            if len(language) <= 3 and language.islower():
                language = language_name(language)
            pairs.append((language, level))
        return pairs

    def value_from_datadict(self, data, files, name):
        rows = []
        for i in range(self.rows):
            language = (data.get(f"{name}_{i}_language") or "").strip()
            level = (data.get(f"{name}_{i}_level") or "").strip()
            if language or level:
                rows.append((language, level))
        return rows

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{i}_language" in data for i in range(self.rows))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pairs = list(self.format_value(value))
        rows = max(self.rows, len(pairs))
        self.rows = rows
        pairs += [("", "")] * (rows - len(pairs))
        base_id = attrs.get("id") or f"id_{name}"
        context["widget"]["rows"] = [
            {"index": i, "number": i + 1, "language": language, "level": level,
             "language_name": f"{name}_{i}_language", "level_name": f"{name}_{i}_level",
             "language_id": f"{base_id}_{i}_language",
             "level_id": f"{base_id}_{i}_level"}
            for i, (language, level) in enumerate(pairs)
        ]
        context["widget"]["levels"] = Level.choices
        context["widget"]["invalid"] = bool(attrs.get("aria-invalid"))
        return context

    def id_for_label(self, id_):
        return id_


class SlotTableWidget(forms.CheckboxSelectMultiple):
    """Availability as a table: weekdays in rows, day parts in columns, one labelled
    checkbox per cell (the label is read out as "dinsdagmiddag")."""

    template_name = "caregivers/widgets/slot_table.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = set(value or [])
        base_id = attrs.get("id") or f"id_{name}"
        context["widget"]["parts"] = [DayPart(part).label for part in DAY_PARTS]
        context["widget"]["days"] = [
            {"label": Weekday(day).label, "cells": [
                {"value": f"{day}:{part}", "label": slot_label(f"{day}:{part}"),
                 "checked": f"{day}:{part}" in chosen, "id": f"{base_id}_{day}_{part}"}
                for part in DAY_PARTS]}
            for day in WEEKDAYS
        ]
        context["widget"]["caption"] = _("Wanneer is hulp nodig?")
        return context

    def id_for_label(self, id_, index=None):
        return ""
