"""CodeSetField: a set of vocabulary codes stored as one integer bitmask.

Python sees a list of codes (`["mon:morning", "wed:evening"]`, `["walking"]`); the database
sees an integer, so "has this code" and "shares any of these codes" are a bitwise AND in
SQL on SQLite and PostgreSQL alike, and the matching code can load raw masks for numpy.
The order of `codes` fixes the bits: codes may be appended, never reordered or removed.

    volunteers.filter(slots__overlaps=["tue:afternoon", "thu:afternoon"])
    volunteers.filter(activities__has="walking")
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


def codes_to_mask(codes, all_codes) -> int:
    index = {code: i for i, code in enumerate(all_codes)}
    mask = 0
    for code in codes:
        if code not in index:
            raise ValueError(code)
        mask |= 1 << index[code]
    return mask


def mask_to_codes(mask: int, all_codes) -> list[str]:
    return [code for i, code in enumerate(all_codes) if mask >> i & 1]


class CodeSetField(models.BigIntegerField):
    description = "A set of codes stored as a bitmask"

    def __init__(self, *args, codes=(), choices_label=None, **kwargs):
        self.codes = tuple(codes)
        self.choices_label = choices_label
        if len(self.codes) > 62:
            raise ValueError("CodeSetField holds at most 62 codes")
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # Not IntegerField's range validators: the Python value is a list of codes.
        return list(self._validators)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["codes"] = self.codes
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None:
            return []
        return mask_to_codes(int(value), self.codes)

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, int):
            return mask_to_codes(value, self.codes)
        if isinstance(value, str):
            value = [part for part in value.split("|") if part]
        codes = list(value)
        unknown = [code for code in codes if code not in self.codes]
        if unknown:
            raise ValidationError(
                _("Onbekende code: %(codes)s"), params={"codes": ", ".join(map(str, unknown))},
                code="unknown_code",
            )
        return [code for code in self.codes if code in codes]

    def get_prep_value(self, value):
        if value is None:
            return 0
        if isinstance(value, int):
            return value
        return codes_to_mask(self.to_python(value), self.codes)

    def value_to_string(self, obj):
        return "|".join(self.value_from_object(obj))

    def validate(self, value, model_instance):
        self.to_python(value)
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        choices = self.choices_label() if callable(self.choices_label) else [
            (code, code) for code in self.codes
        ]
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_value", "min_value", "step_size", "coerce", "empty_value"):
            defaults.pop(key, None)
        return form_class(**defaults)

    def mask(self, codes) -> int:
        return codes_to_mask(codes, self.codes)


class _MaskLookup(models.Lookup):
    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        value = self.rhs
        if isinstance(value, str):
            value = [value]
        mask = value if isinstance(value, int) else field.mask(value)
        return "%s", [mask]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return self.template % {"lhs": lhs, "rhs": rhs}, lhs_params + rhs_params


@CodeSetField.register_lookup
class Overlaps(_MaskLookup):
    """Shares at least one code with the given codes."""

    lookup_name = "overlaps"
    template = "(%(lhs)s & %(rhs)s) <> 0"


@CodeSetField.register_lookup
class Has(Overlaps):
    """Holds this one code (the same SQL as `overlaps` with a single code)."""

    lookup_name = "has"


@CodeSetField.register_lookup
class HasAll(_MaskLookup):
    """Holds every one of the given codes."""

    lookup_name = "hasall"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return (f"({lhs} & {rhs}) = {rhs}", lhs_params + rhs_params + rhs_params)
