"""Charts as server-side SVG: no JavaScript, no CDN, and a text alternative with each.

Every chart is a `Chart` with its rows; the template shows the SVG (role="img" with a
<title> and a <desc> that says every number) and the same rows as a table. Series are told
apart by pattern and label as well as colour.
"""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 30
LABEL_WIDTH = 230
VALUE_SPACE = 60


@dataclass
class Chart:
    key: str                     # unique on the page: ids and the CSV export
    title: str
    columns: list[str]           # table headers: the label column first
    rows: list[tuple]            # (label, value, ...) as the table shows them
    svg: SafeString = field(default="")
    empty: bool = False


def _ids(key):
    return f"chart-{key}-title", f"chart-{key}-desc"


def _open(key, title, desc, height) -> str:
    title_id, desc_id = _ids(key)
    return format_html(
        '<svg class="chart-svg" viewBox="0 0 {} {}" role="img" aria-labelledby="{} {}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>',
        WIDTH, height, title_id, desc_id, title_id, title, desc_id, desc)


def _describe(rows) -> str:
    return "; ".join(f"{row[0]}: {', '.join(str(v) for v in row[1:])}" for row in rows)


def _short(text: str, limit: int = 28) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def horizontal_bars(*, key: str, title: str, label_header: str, value_header: str,
                    rows: list[tuple[str, int]]) -> Chart:
    """One bar per row, longest first as given; the value is written after each bar."""
    chart = Chart(key=key, title=title, columns=[label_header, value_header], rows=rows,
                  empty=not any(value for _label, value in rows))
    height = max(1, len(rows)) * ROW + 6
    top = max([value for _label, value in rows] or [0]) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_SPACE
    parts = [_open(key, title, _describe(rows), height)]
    for i, (label, value) in enumerate(rows):
        y = i * ROW + 4
        width = round(span * value / top, 1)
        parts.append(format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" rx="2"></rect>'
            '<text class="chart-value" x="{}" y="{}">{}</text>',
            LABEL_WIDTH - 8, y + 17, _short(label), LABEL_WIDTH, y + 3, max(width, 1),
            ROW - 10, LABEL_WIDTH + width + 6, y + 17, value))
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
    return chart


def paired_columns(*, key: str, title: str, label_header: str, series: tuple[str, str],
                   rows: list[tuple[str, int, int]]) -> Chart:
    """Two columns per period (e.g. matches started and ended per month): the first solid,
    the second hatched, with a legend and the numbers on top of the columns."""
    chart = Chart(key=key, title=title, columns=[label_header, *series], rows=rows,
                  empty=not any(a or b for _label, a, b in rows))
    height, base, top_margin = 250, 210, 40
    top = max([max(a, b) for _label, a, b in rows] or [0]) or 1
    slot = (WIDTH - 20) / max(1, len(rows))
    bar = min(22, slot / 2 - 3)
    hatch = f"chart-{key}-hatch"
    parts = [_open(key, title, _describe(rows), height), format_html(
        '<defs><pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect class="chart-hatch-bg" width="6" height="6"></rect>'
        '<line class="chart-hatch-line" x1="0" y1="0" x2="0" y2="6"></line></pattern></defs>'
        '<rect class="chart-bar" x="10" y="6" width="14" height="14"></rect>'
        '<text class="chart-label" x="30" y="18">{}</text>'
        '<rect fill="url(#{})" class="chart-bar-b" x="200" y="6" width="14" height="14"></rect>'
        '<text class="chart-label" x="220" y="18">{}</text>'
        '<line class="chart-axis" x1="10" y1="{}" x2="{}" y2="{}"></line>',
        hatch, series[0], hatch, series[1], base, WIDTH - 10, base)]
    for i, (label, first, second) in enumerate(rows):
        x = 10 + i * slot + slot / 2
        for offset, value, css, fill in ((-bar - 1, first, "chart-bar", ""),
                                          (1, second, "chart-bar-b", f"url(#{hatch})")):
            h = round((base - top_margin) * value / top, 1)
            parts.append(format_html(
                '<rect class="{}"{} x="{}" y="{}" width="{}" height="{}"></rect>'
                '<text class="chart-small" x="{}" y="{}" text-anchor="middle">{}</text>',
                css, mark_safe(f' fill="{escape(fill)}"') if fill else "",  # noqa: S308
                round(x + offset, 1), base - h, round(bar, 1), h,
                round(x + offset + bar / 2, 1), base - h - 3, value))
        month, _space, year = str(label).partition(" ")
        parts.append(format_html(
            '<text class="chart-small" x="{}" y="{}" text-anchor="middle">{}'
            '<tspan x="{}" dy="12">{}</tspan></text>',
            round(x, 1), base + 14, month, round(x, 1), year))
    parts.append("</svg>")
    chart.svg = mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
    return chart


def home_charts(figures) -> list[Chart]:
    """The coordinator home's charts, from its figures (dashboard.selectors.HomeFigures)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    return [
        horizontal_bars(key="phases", title=_("Vrijwilligers per fase van de reis"),
                        label_header=_("Fase"), value_header=_("Vrijwilligers"),
                        rows=figures.phases),
        horizontal_bars(key="funnel", title=_("Instroom: aanmeldingen in de periode, per stap"),
                        label_header=_("Stap"), value_header=_("Vrijwilligers"),
                        rows=figures.funnel),
        paired_columns(key="months", title=_("Koppelingen gestart en beëindigd per maand"),
                       label_header=_("Maand"), series=(_("gestart"), _("beëindigd")),
                       rows=[(date_format(month, "M Y"), started, ended)
                             for month, started, ended in figures.per_month]),
        horizontal_bars(key="waiting", title=_("Wachttijd van open hulpvragen"),
                        label_header=_("Wachttijd"), value_header=_("Hulpvragen"),
                        rows=figures.requests.buckets),
        horizontal_bars(key="answers", title=_("Hoe gaat het met de koppelingen? Antwoorden op "
                                               "de check-ins"),
                        label_header=_("Antwoord"), value_header=_("Check-ins"),
                        rows=figures.answers),
        horizontal_bars(key="rejections", title=_("Waarom voorstellen niet doorgingen"),
                        label_header=_("Reden"), value_header=_("Afwijzingen"),
                        rows=figures.rejections),
        horizontal_bars(key="endings", title=_("Waarom koppelingen stopten"),
                        label_header=_("Reden"), value_header=_("Koppelingen"),
                        rows=figures.endings),
    ]
