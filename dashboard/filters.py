"""The dashboard's filters: a neighbourhood (a name from the postcode table, or a PC4) and
a period in months. Parsed leniently from the query string: an unknown value means "all"."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

PERIODS = [(3, _("3 maanden")), (6, _("6 maanden")), (12, _("12 maanden"))]
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class DashboardFilters:
    area: str = ""
    months: int = DEFAULT_MONTHS

    @property
    def key(self) -> str:
        return f"{self.area}|{self.months}"

    def query(self) -> str:
        from urllib.parse import urlencode

        params = {k: v for k, v in (("wijk", self.area), ("periode", self.months)) if v}
        return urlencode(params)


class FilterForm(forms.Form):
    wijk = forms.ChoiceField(label=_("Wijk"), required=False,
                             widget=forms.Select(attrs={"class": "form-select"}))
    periode = forms.TypedChoiceField(label=_("Periode"), required=False, coerce=int,
                                     choices=PERIODS, empty_value=DEFAULT_MONTHS,
                                     initial=DEFAULT_MONTHS,
                                     widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, data=None, *, neighbourhoods=(), **kwargs):
        super().__init__(data, **kwargs)
        choices = [("", _("Alle wijken")), *((name, name) for name in neighbourhoods)]
        asked = (data or {}).get("wijk", "")
        if len(asked) == 4 and asked.isdigit():   # a PC4 area works too (links, bookmarks)
            choices.append((asked, asked))
        self.fields["wijk"].choices = choices

    def filters(self) -> DashboardFilters:
        if not self.is_bound:
            return DashboardFilters()
        self.is_valid()   # a field with an unknown value is left out: that filter means "all"
        data = self.cleaned_data
        return DashboardFilters(area=data.get("wijk") or "",
                                months=data.get("periode") or DEFAULT_MONTHS)
