"""Reading a help request file (VOCABULARY.md, `import_requests`) and planning what it changes.

Shared by the `import_requests` command and the coordinator's upload page:

    parsed = parse_requests(data)                     # ImportFailed with every problem
    plan = plan_requests(parsed, organisation=org)    # ImportFailed for conflicts with the DB
    plan.counts -> {"created": 5, "updated": 0, "unchanged": 55}

`caregivers.services.help_requests_import` writes a plan, all or nothing. Rows are keyed by
`reference` within the organisation. Optional columns that are absent from the file leave
those fields alone; an empty cell in a present column clears the field.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from core.csvio import ImportFailed, Problem, parse_bool, read_table, split_list
from core.languages import is_valid_language
from core.models import Organisation, Postcode
from core.postcodes import INVALID_POSTCODE, normalise_postcode, postcode_area
from core.slots import ALL_SLOTS, DAY_PARTS, WEEKDAYS, parse_slot
from core.vocabulary import (
    Activity,
    Commitment,
    CulturePreference,
    Frequency,
    GenderPreference,
    Level,
)

from .models import Caregiver, CareRecipient, HelpRequest

COLUMNS = [
    "reference", "caregiver_name", "caregiver_email", "caregiver_phone", "recipient_name",
    "postcode", "latitude", "longitude", "languages", "slots", "activities", "frequency",
    "commitment", "culture_preference", "background", "background_consent",
    "gender_preference", "interests", "description",
]
REQUIRED = {"reference", "caregiver_name", "postcode", "languages", "slots", "activities"}
# Request fields an import sets, compared to find out whether a row changes anything.
REQUEST_FIELDS = ("postcode", "latitude", "longitude", "slots", "activities", "frequency",
                  "commitment", "culture_preference", "background", "gender_preference",
                  "interests", "description")
# TextChoices build their lists on every access; a file has thousands of cells.
ACTIVITIES = tuple(Activity.values)
LEVELS = {level.lower(): level for level in Level.values}
FREQUENCIES = tuple(Frequency.values)
COMMITMENTS = tuple(Commitment.values)
CULTURE_PREFERENCES = tuple(CulturePreference.values)
GENDER_PREFERENCES = tuple(GenderPreference.values)
MAX_LENGTHS = {"reference": 40, "caregiver_name": 150, "recipient_name": 150,
               "caregiver_phone": 30, "caregiver_email": 254, "background": 100}


@dataclass
class RequestRow:
    """One parsed row; `present` holds the columns the file has."""

    row: int
    present: frozenset
    reference: str
    caregiver_name: str
    caregiver_email: str = ""
    caregiver_phone: str = ""
    recipient_name: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    languages: dict = field(default_factory=dict)  # code -> level code
    slots: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    frequency: str = ""
    commitment: str = ""
    culture_preference: str = CulturePreference.OPEN
    background: str = ""
    background_consent: bool = False
    gender_preference: str = GenderPreference.ANY
    interests: list = field(default_factory=list)
    description: str = ""

    def has(self, column: str) -> bool:
        return column in self.present


@dataclass
class ParsedFile:
    rows: list[RequestRow]
    notes: list[Problem]  # things worth knowing that are not errors


# --- cells ---------------------------------------------------------------------------------


def _choice(value: str, choices, column: str, number: int, problems, default=""):
    value = value.strip().lower()
    if not value:
        return default
    if value not in choices:
        problems.append(Problem(number, column, _("'%(value)s' is geen geldige waarde; gebruik "
                                                  "%(allowed)s.") % {
            "value": value, "allowed": ", ".join(choices)}))
        return default
    return value


def parse_languages(cell: str, number: int, problems, column: str = "languages") -> dict:
    levels = LEVELS
    result = {}
    for part in split_list(cell):
        code, sep, level = (piece.strip() for piece in part.partition(":"))
        code = code.lower()
        if not sep or not code or not level:
            problems.append(Problem(number, column, _(
                "'%(part)s': schrijf taal:niveau, zoals tr:native of nl:A2.") % {"part": part}))
        elif not is_valid_language(code):
            problems.append(Problem(number, column, _(
                "'%(code)s' is geen bekende taalcode (ISO 639, zoals nl, ar, tr, rif).")
                % {"code": code}))
        elif level.lower() not in levels:
            problems.append(Problem(number, column, _(
                "'%(level)s' is geen niveau; gebruik A1, A2, B1, B2, C1, C2 of native.")
                % {"level": level}))
        elif code in result:
            problems.append(Problem(number, column, _("de taal '%(code)s' staat er twee keer in.")
                                    % {"code": code}))
        else:
            result[code] = levels[level.lower()]
    if not result and not any(p.row == number and p.column == column for p in problems):
        problems.append(Problem(number, column, _("vul minstens één taal in, zoals nl:native.")))
    return result


def parse_slots(cell: str, number: int, problems) -> list[str]:
    chosen = set()
    for part in split_list(cell):
        try:
            parse_slot(part)
        except ValueError:
            problems.append(Problem(number, "slots", _(
                "'%(slot)s' is geen tijdvak; schrijf dag:dagdeel, zoals tue:afternoon "
                "(dagen: %(days)s; dagdelen: %(parts)s).") % {
                "slot": part, "days": " ".join(WEEKDAYS), "parts": " ".join(DAY_PARTS)}))
        else:
            chosen.add(part.strip().lower())
    if not chosen and not any(p.row == number and p.column == "slots" for p in problems):
        problems.append(Problem(number, "slots", _("vul minstens één tijdvak in, zoals "
                                                   "tue:afternoon.")))
    return [slot for slot in ALL_SLOTS if slot in chosen]


def parse_activities(cell: str, number: int, problems) -> list[str]:
    chosen = set()
    for part in split_list(cell):
        code = part.lower()
        if code not in ACTIVITIES:
            problems.append(Problem(number, "activities", _(
                "'%(code)s' is geen soort hulp; gebruik %(allowed)s.") % {
                "code": part, "allowed": ", ".join(ACTIVITIES)}))
        else:
            chosen.add(code)
    if not chosen and not any(p.row == number and p.column == "activities" for p in problems):
        problems.append(Problem(number, "activities", _("vul minstens één soort hulp in, "
                                                        "zoals companionship.")))
    return [code for code in ACTIVITIES if code in chosen]


def _coordinate(cell: str, column: str, limit: float, number: int, problems) -> float | None:
    if not cell:
        return None
    try:
        value = float(cell.replace(",", "."))
    except ValueError:
        value = None
    if value is None or not -limit <= value <= limit:
        problems.append(Problem(number, column, _("'%(value)s' is geen geldige coördinaat.")
                                % {"value": cell}))
        return None
    return value


def _phone_ok(phone: str) -> bool:
    digits = sum(ch.isdigit() for ch in phone)
    return digits >= 6 and all(ch.isdigit() or ch in " +-()." for ch in phone)


def parse_row(number: int, cells: dict, present: frozenset) -> tuple[RequestRow | None, list]:
    problems: list[Problem] = []
    for column, limit in MAX_LENGTHS.items():
        if len(cells.get(column, "")) > limit:
            problems.append(Problem(number, column, _("te lang (hoogstens %(n)s tekens).")
                                    % {"n": limit}))
    reference = cells.get("reference", "")
    if not reference:
        problems.append(Problem(number, "reference", _("het kenmerk ontbreekt.")))
    name = cells.get("caregiver_name", "")
    if not name:
        problems.append(Problem(number, "caregiver_name", _("de naam van de mantelzorger "
                                                            "ontbreekt.")))
    email = cells.get("caregiver_email", "").lower()
    phone = cells.get("caregiver_phone", "")
    if not email and not phone and present & {"caregiver_email", "caregiver_phone"}:
        problems.append(Problem(number, "caregiver_email", _(
            "de mantelzorger is niet bereikbaar: vul caregiver_email of caregiver_phone in.")))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(Problem(number, "caregiver_email", _("'%(value)s' is geen geldig "
                                                                 "e-mailadres.") % {"value": email}))
    if phone and not _phone_ok(phone):
        problems.append(Problem(number, "caregiver_phone", _("'%(value)s' is geen geldig "
                                                             "telefoonnummer.") % {"value": phone}))

    postcode = normalise_postcode(cells.get("postcode", ""))
    if postcode is None:
        problems.append(Problem(number, "postcode", str(INVALID_POSTCODE)))
    latitude = _coordinate(cells.get("latitude", ""), "latitude", 90, number, problems)
    longitude = _coordinate(cells.get("longitude", ""), "longitude", 180, number, problems)
    if (latitude is None) != (longitude is None) and not any(
            p.row == number and p.column in {"latitude", "longitude"} for p in problems):
        problems.append(Problem(number, "latitude" if latitude is None else "longitude", _(
            "vul latitude en longitude allebei in, of allebei niet.")))

    consent = parse_bool(cells.get("background_consent", ""))
    if consent is None:
        problems.append(Problem(number, "background_consent", _("gebruik yes of no.")))

    row = RequestRow(
        row=number, present=present, reference=reference, caregiver_name=name,
        caregiver_email=email, caregiver_phone=phone,
        recipient_name=cells.get("recipient_name", ""),
        postcode=postcode or "", latitude=latitude, longitude=longitude,
        languages=parse_languages(cells.get("languages", ""), number, problems),
        slots=parse_slots(cells.get("slots", ""), number, problems),
        activities=parse_activities(cells.get("activities", ""), number, problems),
        frequency=_choice(cells.get("frequency", ""), FREQUENCIES, "frequency", number,
                          problems),
        commitment=_choice(cells.get("commitment", ""), COMMITMENTS, "commitment",
                           number, problems),
        culture_preference=_choice(cells.get("culture_preference", ""), CULTURE_PREFERENCES,
                                   "culture_preference", number, problems,
                                   default=CulturePreference.OPEN),
        background=cells.get("background", ""),
        background_consent=bool(consent),
        gender_preference=_choice(cells.get("gender_preference", ""), GENDER_PREFERENCES,
                                  "gender_preference", number, problems,
                                  default=GenderPreference.ANY),
        interests=[tag[:50] for tag in split_list(cells.get("interests", ""))],
        description=cells.get("description", ""),
    )
    return (None if problems else row), problems


def parse_requests(data: bytes) -> ParsedFile:
    """Every row of the file, or ImportFailed with every problem (row, column, reason)."""
    table = read_table(data, known=set(COLUMNS), required=REQUIRED)
    present = frozenset(table.columns)
    problems: list[Problem] = []
    if not present & {"caregiver_email", "caregiver_phone"}:
        problems.append(Problem(1, "caregiver_email", _(
            "verplichte kolom ontbreekt: caregiver_email of caregiver_phone (minstens één).")))
    rows, notes, seen = [], [], {}
    for number, cells in table.rows:
        row, row_problems = parse_row(number, cells, present)
        problems.extend(row_problems)
        reference = cells.get("reference", "")
        if reference:
            key = reference
            if key in seen:
                problems.append(Problem(number, "reference", _(
                    "het kenmerk %(reference)s staat ook al in rij %(row)s.") % {
                    "reference": reference, "row": seen[key]}))
                row = None
            else:
                seen[key] = number
        if row is None:
            continue
        if row.background and not row.background_consent:
            notes.append(Problem(number, "background", _(
                "achtergrond niet opgeslagen: er is geen toestemming (background_consent).")))
        if (row.culture_preference == CulturePreference.SAME_BACKGROUND
                and not (row.background and row.background_consent)):
            notes.append(Problem(number, "culture_preference", _(
                "wens 'dezelfde achtergrond' zonder vastgelegde achtergrond: de matchmaker "
                "kan de wens niet gebruiken.")))
        rows.append(row)
    if problems:
        raise ImportFailed(problems)
    return ParsedFile(rows=rows, notes=notes)


# --- planning ------------------------------------------------------------------------------


@dataclass
class PlannedRow:
    data: RequestRow
    action: str  # "create", "update" or "unchanged"
    request: HelpRequest | None = None
    caregiver: Caregiver | None = None  # the existing caregiver it belongs to, if any
    recipient: CareRecipient | None = None
    changes: list[str] = field(default_factory=list)
    desired: dict = field(default_factory=dict)  # request field -> value to store


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    notes: list[Problem]

    @property
    def counts(self) -> dict[str, int]:
        result = {"created": 0, "updated": 0, "unchanged": 0}
        for planned in self.rows:
            result[planned.action + ("d" if planned.action.endswith("e") else "")] += 1
        return result

    def summary(self) -> str:
        counts = self.counts
        return (f"Requests: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged.")


def _desired_request(row: RequestRow, locations: dict) -> dict:
    """What the request should hold after the import, for the columns the file has."""
    desired = {"postcode": row.postcode, "slots": row.slots, "activities": row.activities}
    if row.latitude is not None:
        desired["latitude"], desired["longitude"] = row.latitude, row.longitude
    else:
        desired["latitude"], desired["longitude"] = locations.get(postcode_area(row.postcode),
                                                                  (None, None))
    for column in ("frequency", "commitment", "culture_preference", "gender_preference",
                   "interests", "description"):
        if row.has(column):
            desired[column] = getattr(row, column)
    if row.has("background") or row.has("background_consent"):
        desired["background"] = row.background if row.background_consent else ""
    return desired


def _caregiver_values(row: RequestRow) -> dict:
    values = {"name": row.caregiver_name}
    for column in ("caregiver_email", "caregiver_phone"):
        if row.has(column):
            values[column.removeprefix("caregiver_")] = getattr(row, column)
    return values


def plan_requests(parsed: ParsedFile, *, organisation: Organisation) -> ImportPlan:
    """Compare the file with the organisation's requests: what is created, updated, kept.
    Raises ImportFailed when rows disagree about one caregiver or care recipient."""
    rows = parsed.rows
    existing = {
        r.reference: r for r in HelpRequest.objects.filter(
            organisation=organisation, reference__in=[row.reference for row in rows],
        ).select_related("caregiver", "recipient").prefetch_related("languages")
    }
    caregivers = Caregiver.objects.filter(organisation=organisation, erased_at=None)
    by_email = {c.email.lower(): c for c in caregivers.filter(
        email__in=[row.caregiver_email for row in rows if row.caregiver_email]).order_by("-pk")}
    by_phone = {c.phone: c for c in caregivers.filter(
        phone__in=[row.caregiver_phone for row in rows if row.caregiver_phone]).order_by("-pk")}
    locations = {p.code: (p.latitude, p.longitude) for p in Postcode.objects.filter(
        code__in={postcode_area(row.postcode) for row in rows})}

    planned_rows, problems = [], []
    caregiver_claims: dict = {}  # identity -> (row number, values)
    recipient_claims: dict = {}
    for row in rows:
        request = existing.get(row.reference)
        desired = _desired_request(row, locations)
        if request is not None:
            caregiver = request.caregiver
            identity = ("pk", caregiver.pk)
        else:
            caregiver = by_email.get(row.caregiver_email) if row.caregiver_email else None
            caregiver = caregiver or (by_phone.get(row.caregiver_phone)
                                      if row.caregiver_phone else None)
            identity = (("pk", caregiver.pk) if caregiver else
                        ("new", row.caregiver_email or row.caregiver_phone))
        values = _caregiver_values(row)
        claim = caregiver_claims.setdefault(identity, (row.row, values))
        if any(claim[1].get(k, v) != v for k, v in values.items()):
            problems.append(Problem(row.row, "caregiver_name", _(
                "dezelfde mantelzorger staat ook in rij %(row)s, maar met andere gegevens "
                "(naam, e-mail of telefoon).") % {"row": claim[0]}))
        recipient = request.recipient if request is not None else None
        if recipient is not None and row.recipient_name:
            claim = recipient_claims.setdefault(recipient.pk, (row.row, row.recipient_name))
            if claim[1] != row.recipient_name:
                problems.append(Problem(row.row, "recipient_name", _(
                    "dezelfde zorgvrager staat ook in rij %(row)s, maar met een andere naam.")
                    % {"row": claim[0]}))

        planned = PlannedRow(data=row, action="create", request=request, caregiver=caregiver,
                             recipient=recipient, desired=desired)
        if request is not None:
            changes = [name for name, value in desired.items()
                       if getattr(request, name) != value]
            if "background" in desired and bool(desired["background"]) != bool(
                    request.background_consent_at) and "background" not in changes:
                changes.append("background")
            languages = {lang.language: lang.level_code for lang in request.languages.all()}
            if languages != row.languages:
                changes.append("languages")
            changes += [f"caregiver_{name}" for name, value in values.items()
                        if getattr(caregiver, name) != value]
            if row.recipient_name and (recipient is None or recipient.name != row.recipient_name):
                changes.append("recipient_name")
            planned.changes = changes
            planned.action = "update" if changes else "unchanged"
        planned_rows.append(planned)
    if problems:
        raise ImportFailed(problems)
    return ImportPlan(rows=planned_rows, notes=parsed.notes)


# --- export ------------------------------------------------------------------------------


def request_row(request: HelpRequest) -> list:
    """One request as a row of the import format (so an export can be imported again)."""
    languages = "|".join(f"{lang.language}:{lang.level_code}" for lang in request.languages.all())
    return [
        request.reference, request.caregiver.name, request.caregiver.email,
        request.caregiver.phone, request.recipient.name if request.recipient else "",
        request.postcode,
        "" if request.latitude is None else repr(request.latitude),
        "" if request.longitude is None else repr(request.longitude),
        languages, "|".join(request.slots), "|".join(request.activities),
        request.frequency, request.commitment, request.culture_preference, request.background,
        "yes" if request.background_consent_at else "no", request.gender_preference,
        "|".join(request.interests), request.description,
    ]
