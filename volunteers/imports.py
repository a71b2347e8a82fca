"""Importing volunteers from CSV, exactly as ../shared/VOCABULARY.md "CSV imports" says.

Shared by `manage.py import_volunteers` and the coordinator's upload page:

- rows are keyed by e-mail within the organisation; importing the same file twice changes
  nothing the second time, a changed row updates the volunteer;
- all or nothing: every problem of every row is collected (row as the spreadsheet shows it,
  column, reason) and then nothing is written;
- new volunteers get an account without a password and, after the commit, an e-mail
  invitation to choose one;
- a column left out of the file leaves that field alone; an empty cell in a column that is
  there sets the default (so a row "changes" exactly when its cells differ);
- 1,000 rows in a handful of queries: existing people are loaded in chunks, new ones are
  bulk-inserted, changed ones bulk-updated.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import is_password_usable
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from core.csvio import ImportFailed, Problem, parse_bool, read_table, split_list
from core.languages import is_valid_language
from core.models import AuditEvent, Organisation, Postcode, User
from core.postcodes import INVALID_POSTCODE, normalise_postcode, postcode_area
from core.slots import ALL_SLOTS, DAY_PARTS, WEEKDAYS
from core.vocabulary import Activity, Commitment, Gender, Motivation

from . import rules
from .models import Volunteer, VolunteerLanguage
from .services import audit_many, volunteer_queue_invitation
from .table import COLUMNS, REQUIRED

CHUNK = 500  # keeps IN (...) lists well below every database's parameter limit
# Fields written for every row, whatever columns the file has (the email is the key).
_NAME_LIMITS = {"first_name": 100, "last_name": 150}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ParsedRow:
    row: int
    email: str
    fields: dict  # model field -> value, only for the columns the file has
    languages: dict[str, int] | None = None  # {code: level}; None when no languages column
    coordinates: tuple[float, float] | None = None  # given in the file: they win
    consent: bool | None = None  # None: the file says nothing about background consent
    status_given: bool = False


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    notes: list[Problem] = field(default_factory=list)  # worth knowing, not blocking
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return (f"Volunteers: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged.")


def _unescape(cell: str) -> str:
    """Our own exports protect cells against spreadsheet formulas with a leading apostrophe
    (core.csvio.write_table); take it off again so an export re-imports unchanged."""
    if cell[:1] == "'" and cell[1:2] in _FORMULA_START:
        return cell[1:]
    return cell


class _RowParser:
    """Turns one row's cells into model values, collecting problems instead of stopping."""

    def __init__(self, columns, today):
        self.columns = set(columns)
        self.today = today
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def problem(self, number, column, message):
        self.problems.append(Problem(number, column, str(message)))

    def parse(self, number: int, cells: dict[str, str]) -> ParsedRow | None:
        cells = {name: _unescape(value) for name, value in cells.items()}
        before = len(self.problems)
        for name, value in cells.items():
            if "\x00" in value:  # no database stores it, no person typed it
                self.problem(number, name, _("bevat een onleesbaar teken."))
                cells[name] = value.replace("\x00", "")
        email = self._email(number, cells.get("email", ""))
        row = ParsedRow(row=number, email=email or "", fields={})
        f = row.fields
        for name, limit in _NAME_LIMITS.items():
            if name in self.columns:
                value = " ".join(cells[name].split())
                if name == "first_name" and not value:
                    self.problem(number, name, _("verplicht: vul een voornaam in."))
                elif len(value) > limit:
                    self.problem(number, name, _("te lang (maximaal %(max)s tekens).")
                                 % {"max": limit})
                f[name] = value
        if "phone" in self.columns:
            phone = rules.normalise_phone(cells["phone"])
            if phone and not rules.is_valid_phone(phone):
                self.problem(number, "phone", rules.INVALID_PHONE)
            f["phone"] = phone
        if "postcode" in self.columns:
            postcode = normalise_postcode(cells["postcode"])
            if postcode is None:
                self.problem(number, "postcode", INVALID_POSTCODE if cells["postcode"]
                             else _("verplicht: vul een postcode in, zoals 3511 AB."))
            f["postcode"] = postcode or ""
        row.coordinates = self._coordinates(number, cells)
        if "max_distance_km" in self.columns:
            f["max_distance_km"] = self._int(
                number, "max_distance_km", cells["max_distance_km"], rules.MIN_DISTANCE_KM,
                rules.MAX_DISTANCE_KM, rules.invalid_distance) or rules.DEFAULT_DISTANCE_KM
        if "hours_per_week" in self.columns:
            f["hours_per_week"] = self._int(number, "hours_per_week", cells["hours_per_week"],
                                            rules.MIN_HOURS, rules.MAX_HOURS, rules.invalid_hours)
        if "birth_year" in self.columns:
            low, high = rules.birth_year_range(self.today)
            f["birth_year"] = self._int(number, "birth_year", cells["birth_year"], low, high,
                                        lambda: rules.invalid_birth_year(self.today))
        if "languages" in self.columns:
            row.languages = self._languages(number, cells["languages"])
        if "availability" in self.columns:
            f["slots"] = self._slots(number, cells["availability"])
        for column, codes in (("motivations", Motivation.values), ("activities", Activity.values)):
            if column in self.columns:
                f[column] = self._codes(number, column, cells[column], codes)
        for column, choices in (("commitment", Commitment.values), ("gender", Gender.values)):
            if column in self.columns:
                f[column] = self._choice(number, column, cells[column], choices)
        if "status" in self.columns and cells["status"]:
            f["status"] = self._choice(number, "status", cells["status"], Volunteer.Status.values)
            row.status_given = True
        if "intercultural_training" in self.columns:
            f["intercultural_training"] = self._bool(number, "intercultural_training",
                                                     cells["intercultural_training"])
        if "interests" in self.columns:
            f["interests"] = self._interests(number, cells["interests"])
        self._background(number, cells, row)
        return row if len(self.problems) == before else None

    def _email(self, number, text):
        email = text.strip().lower()
        if not email:
            self.problem(number, "email", _("verplicht: vul een e-mailadres in."))
            return None
        try:
            validate_email(email)
        except ValidationError:
            self.problem(number, "email", _("'%(value)s' is geen geldig e-mailadres.")
                         % {"value": text})
            return None
        if len(email) > 254:
            self.problem(number, "email", _("te lang (maximaal %(max)s tekens).") % {"max": 254})
            return None
        return email

    def _int(self, number, column, text, low, high, message):
        if not text:
            return None
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            self.problem(number, column, message())
            return None
        return value

    def _coordinates(self, number, cells):
        lat_text, lon_text = cells.get("latitude", ""), cells.get("longitude", "")
        if not lat_text and not lon_text:
            return None
        if not (lat_text and lon_text):
            missing = "longitude" if lat_text else "latitude"
            self.problem(number, missing, _("vul latitude en longitude allebei in, of allebei "
                                            "niet."))
            return None
        values = []
        for column, text, limit in (("latitude", lat_text, 90), ("longitude", lon_text, 180)):
            try:
                value = float(text.replace(",", "."))
                if not -limit <= value <= limit or value != value:  # also refuses NaN
                    raise ValueError
                values.append(value)
            except ValueError:
                self.problem(number, column, _("'%(value)s' is geen geldige coördinaat.")
                             % {"value": text})
        return (values[0], values[1]) if len(values) == 2 else None

    def _languages(self, number, text):
        items = split_list(text)
        if not items:
            self.problem(number, "languages", _("vul minstens één taal met niveau in, zoals "
                                                "nl:B1."))
            return {}
        languages = {}
        for item in items:
            code, sep, level_text = item.partition(":")
            code = code.strip().lower()
            if not sep or not code:
                self.problem(number, "languages", _("'%(item)s' is geen taal met niveau; schrijf "
                                                    "het als taal:niveau, zoals nl:B1.")
                             % {"item": item})
                continue
            if not is_valid_language(code):
                self.problem(number, "languages", _("onbekende taalcode '%(code)s' (gebruik "
                                                    "ISO 639-1, zoals nl, ar, tr).")
                             % {"code": code})
                continue
            level = rules.level_from_text(level_text)
            if level is None:
                self.problem(number, "languages", _("onbekend niveau '%(level)s' bij %(code)s; "
                                                    "kies uit A1, A2, B1, B2, C1, C2, native.")
                             % {"level": level_text.strip(), "code": code})
                continue
            if code in languages:
                self.problem(number, "languages", _("de taal '%(code)s' staat er twee keer in.")
                             % {"code": code})
                continue
            languages[code] = level
        return languages

    def _slots(self, number, text):
        items = split_list(text)
        if not items:
            self.problem(number, "availability", _("vul minstens één dagdeel in, zoals "
                                                   "tue:afternoon."))
            return []
        chosen = set()
        for item in items:
            day, sep, part = item.strip().lower().partition(":")
            if not sep or day not in WEEKDAYS or part not in DAY_PARTS:
                self.problem(number, "availability", _(
                    "'%(item)s' is geen dagdeel. Schrijf dag:dagdeel, met een dag uit "
                    "%(days)s en een dagdeel uit %(parts)s, zoals mon:morning.")
                    % {"item": item, "days": ", ".join(WEEKDAYS), "parts": ", ".join(DAY_PARTS)})
                continue
            chosen.add(f"{day}:{part}")
        return [slot for slot in ALL_SLOTS if slot in chosen]

    def _codes(self, number, column, text, codes):
        chosen = set()
        for item in split_list(text):
            code = item.lower()
            if code not in codes:
                self.problem(number, column, _("onbekende code '%(code)s'. Toegestaan zijn: "
                                               "%(allowed)s.")
                             % {"code": item, "allowed": ", ".join(codes)})
                continue
            chosen.add(code)
        return [code for code in codes if code in chosen]

    def _choice(self, number, column, text, choices):
        value = text.strip().lower()
        if value and value not in choices:
            self.problem(number, column, _("onbekende waarde '%(value)s'. Toegestaan zijn: "
                                           "%(allowed)s.")
                         % {"value": text, "allowed": ", ".join(choices)})
            return ""
        return value

    def _bool(self, number, column, text):
        value = parse_bool(text)
        if value is None:
            self.problem(number, column, _("'%(value)s' is geen ja of nee; gebruik yes of no.")
                         % {"value": text})
            return False
        return value

    def _interests(self, number, text):
        tags = rules.clean_interests(split_list(text))
        if len(tags) > rules.MAX_INTERESTS:
            self.problem(number, "interests", _("te veel interesses (maximaal %(max)s).")
                         % {"max": rules.MAX_INTERESTS})
        for tag in tags:
            if len(tag) > rules.MAX_INTEREST_LENGTH:
                self.problem(number, "interests", _("'%(tag)s' is te lang (maximaal %(max)s "
                                                    "tekens).")
                             % {"tag": tag, "max": rules.MAX_INTEREST_LENGTH})
        return tags

    def _background(self, number, cells, row):
        has_background, has_consent = "background" in self.columns, "background_consent" in \
            self.columns
        if not (has_background or has_consent):
            return
        consent = self._bool(number, "background_consent", cells.get("background_consent", ""))
        background = " ".join(cells.get("background", "").split())
        if len(background) > rules.MAX_BACKGROUND_LENGTH:
            self.problem(number, "background", _("te lang (maximaal %(max)s tekens).")
                         % {"max": rules.MAX_BACKGROUND_LENGTH})
        row.consent = consent
        if consent:
            if has_background:
                row.fields["background"] = background
        else:
            row.fields["background"] = ""
            if background:
                self.notes.append(Problem(number, "background", _(
                    "niet opgeslagen: zonder background_consent yes bewaren we geen culturele "
                    "achtergrond.")))


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _parse(data: bytes, today) -> tuple[list[ParsedRow], list[Problem], list[str]]:
    table = read_table(data, known=set(COLUMNS), required=REQUIRED)
    parser = _RowParser(table.columns, today)
    parsed, first_row = [], {}
    for number, cells in table.rows:
        row = parser.parse(number, cells)
        email = (cells.get("email") or "").strip().lower()
        if email:
            if email in first_row:
                parser.problem(number, "email", _("dit e-mailadres staat ook al in rij %(row)s.")
                               % {"row": first_row[email]})
                continue
            first_row[email] = number
        if row is not None:
            parsed.append(row)
    if parser.problems:
        raise ImportFailed(sorted(parser.problems, key=lambda p: (p.row, p.column)))
    return parsed, parser.notes, table.columns


def _locations(rows: list[ParsedRow]) -> dict[str, tuple[float, float]]:
    areas = {postcode_area(row.fields["postcode"]) for row in rows if row.fields.get("postcode")}
    found = {}
    for chunk in _chunks(areas):
        found.update({code: (lat, lon) for code, lat, lon in
                      Postcode.objects.filter(code__in=chunk)
                      .values_list("code", "latitude", "longitude")})
    return found


def _desired_state(row: ParsedRow, volunteer: Volunteer | None, locations, now) -> dict:
    """The field values this row asks for, given the volunteer as they are (or None)."""
    wanted = dict(row.fields)
    if volunteer is None and not row.status_given:
        wanted["status"] = Volunteer.Status.ACTIVE  # people the organisation already knows
    elif not row.status_given:
        wanted.pop("status", None)
    if row.coordinates is not None:
        wanted["latitude"], wanted["longitude"] = row.coordinates
    elif "postcode" in wanted and (volunteer is None or volunteer.postcode != wanted["postcode"]
                                   or volunteer.latitude is None):
        wanted["latitude"], wanted["longitude"] = locations.get(
            postcode_area(wanted["postcode"]), (None, None))
    if row.consent is not None:
        background = wanted.get("background", volunteer.background if volunteer else "")
        if row.consent and background:
            wanted["background"] = background
            wanted["background_consent_at"] = (volunteer.background_consent_at if volunteer
                                               and volunteer.background_consent_at else now)
        else:
            wanted["background"], wanted["background_consent_at"] = "", None
    return wanted


def _load_people(emails: list[str], organisation: Organisation):
    """Existing volunteers of this organisation by e-mail, and every account by e-mail."""
    volunteers, accounts = {}, {}
    for chunk in _chunks(emails):
        for volunteer in (Volunteer.objects.filter(organisation=organisation,
                                                   user__email__in=chunk)
                          .select_related("user").prefetch_related("languages")):
            volunteers[volunteer.user.email] = volunteer
        for pk, email, volunteer_id, membership_id, password in (
                User.objects.filter(email__in=chunk)
                .values_list("pk", "email", "volunteer__id", "membership__id", "password")):
            accounts[email] = (pk, volunteer_id, membership_id, password)
    return volunteers, accounts


def volunteers_import(*, organisation: Organisation, data: bytes, dry_run: bool = False,
                      actor=None, invite: bool = True, now=None) -> ImportResult:
    """Import a volunteer CSV into `organisation`. Raises ImportFailed (nothing written) with
    every problem; returns the counts. `dry_run` computes the counts and writes nothing."""
    now = now or timezone.now()
    rows, notes, columns = _parse(data, timezone.localdate(now))
    volunteers, accounts = _load_people([row.email for row in rows], organisation)

    problems = []
    for row in rows:
        account = accounts.get(row.email)
        if row.email not in volunteers and account and (account[1] or account[2]):
            # Someone else's account (another organisation's volunteer, or staff); the message
            # does not say whose, so nobody learns who is known elsewhere.
            problems.append(Problem(row.row, "email", _(
                "dit e-mailadres hoort al bij een ander Koppel-account; het kan niet als "
                "vrijwilliger van deze organisatie worden ingelezen.")))
    if problems:
        raise ImportFailed(problems)

    locations = _locations(rows)
    result = ImportResult(dry_run=dry_run, notes=notes)
    to_create: list[tuple[ParsedRow, dict]] = []
    to_update: list[tuple[Volunteer, dict, dict | None]] = []
    for row in rows:
        volunteer = volunteers.get(row.email)
        wanted = _desired_state(row, volunteer, locations, now)
        if volunteer is None:
            to_create.append((row, wanted))
            continue
        changes = {name: value for name, value in wanted.items()
                   if getattr(volunteer, name) != value}
        new_languages = None
        if row.languages is not None:
            current = {lang.language: lang.level for lang in volunteer.languages.all()}
            if current != row.languages:
                new_languages = row.languages
        if changes or new_languages is not None:
            to_update.append((volunteer, changes, new_languages))
        else:
            result.unchanged += 1
    result.created, result.updated = len(to_create), len(to_update)
    if dry_run:
        return result

    try:
        with transaction.atomic():
            created = _create(organisation, to_create, accounts, now)
            _update(to_update)
            result.created_ids = [volunteer.pk for volunteer, _invite in created]
            result.updated_ids = [volunteer.pk for volunteer, _c, _l in to_update]
            audit_many(actor=actor, organisation=organisation, action=AuditEvent.Action.IMPORT,
                       volunteer_ids=result.created_ids + result.updated_ids,
                       fields=[c for c in columns if c != "email"], now=now)
            if invite:
                for volunteer, needs_invitation in created:
                    if needs_invitation:
                        volunteer_queue_invitation(volunteer_id=volunteer.pk)
    except IntegrityError:
        # Someone signed up with one of these addresses between reading and writing.
        raise ImportFailed([Problem(0, "", _(
            "Tijdens het inlezen is er tegelijk iets veranderd aan deze vrijwilligers. Er is "
            "niets ingelezen; probeer het opnieuw."))]) from None
    return result


def _create(organisation, to_create, accounts, now) -> list[tuple[Volunteer, bool]]:
    new_users = [
        User(email=row.email, first_name=wanted.get("first_name", ""),
             last_name=wanted.get("last_name", ""), language="nl", date_joined=now)
        for row, wanted in to_create if row.email not in accounts
    ]
    for user in new_users:
        user.set_unusable_password()
    # PostgreSQL and SQLite (3.35+) both return the new primary keys from a bulk insert.
    User.objects.bulk_create(new_users, batch_size=CHUNK)
    EmailAddress.objects.bulk_create([
        EmailAddress(user=user, email=user.email, verified=False, primary=True)
        for user in new_users
    ], batch_size=CHUNK)
    user_ids = {user.email: user.pk for user in new_users}
    passwords = {user.email: user.password for user in new_users}
    for email, (pk, _volunteer, _membership, password) in accounts.items():
        user_ids.setdefault(email, pk)
        passwords.setdefault(email, password)

    volunteers = []
    for row, wanted in to_create:
        volunteers.append(Volunteer(organisation=organisation, user_id=user_ids[row.email],
                                    signed_up_at=now, created_at=now, **wanted))
    Volunteer.objects.bulk_create(volunteers, batch_size=CHUNK)
    VolunteerLanguage.objects.bulk_create([
        VolunteerLanguage(volunteer=volunteer, language=code, level=level)
        for volunteer, (row, _wanted) in zip(volunteers, to_create, strict=True)
        for code, level in (row.languages or {}).items()
    ], batch_size=CHUNK)
    # bulk_create sends no signals, but other apps (the journey) listen for new volunteers:
    # tell them, inside this transaction, as a save() would have.
    for volunteer in volunteers:
        post_save.send(sender=Volunteer, instance=volunteer, created=True, update_fields=None,
                       raw=False, using=volunteer._state.db)
    # Somebody who already has a password (an unfinished signup) needs no invitation.
    return [(volunteer, not is_password_usable(passwords.get(row.email)))
            for volunteer, (row, _wanted) in zip(volunteers, to_create, strict=True)]


def _update(to_update) -> None:
    by_fields: dict[tuple, list[Volunteer]] = {}
    for volunteer, changes, _languages in to_update:
        for name, value in changes.items():
            setattr(volunteer, name, value)
        if changes:
            by_fields.setdefault(tuple(sorted({*changes, "updated_at"})), []).append(volunteer)
    now = timezone.now()
    for fields, volunteers in by_fields.items():
        for volunteer in volunteers:
            volunteer.updated_at = now
        Volunteer.objects.bulk_update(volunteers, list(fields), batch_size=CHUNK)

    renamed = [v for v, changes, _l in to_update if {"first_name", "last_name"} & set(changes)]
    for volunteer in renamed:
        volunteer.user.first_name = volunteer.first_name
        volunteer.user.last_name = volunteer.last_name
    User.objects.bulk_update([v.user for v in renamed], ["first_name", "last_name"],
                             batch_size=CHUNK)

    relanguaged = [(v, languages) for v, _c, languages in to_update if languages is not None]
    for chunk in _chunks(relanguaged):
        VolunteerLanguage.objects.filter(volunteer__in=[v for v, _l in chunk]).delete()
    VolunteerLanguage.objects.bulk_create([
        VolunteerLanguage(volunteer=volunteer, language=code, level=level)
        for volunteer, languages in relanguaged for code, level in languages.items()
    ], batch_size=CHUNK)


def import_problem_lines(error: ImportFailed) -> list[str]:
    return [str(problem) for problem in error.problems]
