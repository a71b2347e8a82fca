"""Reads of the caregivers app: the request list with its filters, searches, suggestions."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from core.models import Organisation, Postcode

from .models import Caregiver, HelpRequest, HelpRequestLanguage, Partner

Status = HelpRequest.Status
OPEN = "open"
ALL = "all"


@dataclass
class RequestFilters:
    status: str = OPEN          # "open", "all" or one status code
    min_waiting_days: int | None = None
    activity: str = ""
    language: str = ""
    area: str = ""              # a PC4 ("3531") or (part of) a neighbourhood name
    query: str = ""
    sort: str = "waiting"       # waiting | urgency | newest | reference


def waiting_days(request: HelpRequest, now=None) -> int | None:
    """Whole days since the request came in, for open requests; None once it is settled."""
    if request.status not in HelpRequest.OPEN_STATUSES:
        return None
    now = now or timezone.now()
    return max(0, (now - request.received_at).days)


def area_codes(organisation: Organisation, text: str) -> list[str] | None:
    """The PC4 areas meant by `text`: a 4-digit code, or neighbourhoods whose name matches."""
    text = text.strip()
    if not text:
        return None
    if text[:4].isdigit():
        return [text[:4]]
    return list(Postcode.objects.filter(name__icontains=text).values_list("code", flat=True))


def help_request_list(*, organisation: Organisation, filters: RequestFilters,
                      now=None) -> QuerySet[HelpRequest]:
    now = now or timezone.now()
    requests = (
        HelpRequest.objects.filter(organisation=organisation)
        .select_related("caregiver", "recipient")
        .prefetch_related("languages")
        .annotate(
            pc4=Substr("postcode", 1, 4),
            area_name=Subquery(Postcode.objects.filter(code=OuterRef("pc4")).values("name")[:1]),
            open_rank=Case(When(status__in=HelpRequest.OPEN_STATUSES, then=Value(0)),
                           default=Value(1), output_field=IntegerField()),
            urgency_rank=Case(When(urgency=HelpRequest.Urgency.HIGH, then=Value(0)),
                              When(urgency=HelpRequest.Urgency.NORMAL, then=Value(1)),
                              default=Value(2), output_field=IntegerField()),
        )
    )
    if filters.status == OPEN:
        requests = requests.filter(status__in=HelpRequest.OPEN_STATUSES)
    elif filters.status in Status.values:
        requests = requests.filter(status=filters.status)
    if filters.min_waiting_days:
        requests = requests.filter(status__in=HelpRequest.OPEN_STATUSES,
                                   received_at__lte=now - timedelta(days=filters.min_waiting_days))
    if filters.activity:
        requests = requests.filter(activities__has=filters.activity)
    if filters.language:
        requests = requests.filter(Exists(HelpRequestLanguage.objects.filter(
            request=OuterRef("pk"), language=filters.language)))
    codes = area_codes(organisation, filters.area)
    if codes is not None:
        requests = requests.filter(pc4__in=codes)
    if filters.query:
        q = filters.query.strip()
        requests = requests.filter(
            Q(reference__icontains=q) | Q(caregiver__name__icontains=q)
            | Q(recipient__name__icontains=q) | Q(caregiver__email__icontains=q)
            | Q(caregiver__phone__icontains=q) | Q(description__icontains=q))
    order = {
        "waiting": ["open_rank", "received_at", "pk"],
        "urgency": ["open_rank", "urgency_rank", "received_at", "pk"],
        "newest": ["-received_at", "-pk"],
        "reference": ["reference"],
    }.get(filters.sort, ["open_rank", "received_at", "pk"])
    return requests.order_by(*order)


def request_languages_in_use(*, organisation: Organisation) -> list[str]:
    return list(HelpRequestLanguage.objects.filter(request__organisation=organisation)
                .values_list("language", flat=True).distinct().order_by("language"))


def help_request_detail(*, organisation: Organisation, pk: int) -> QuerySet[HelpRequest]:
    return (HelpRequest.objects.filter(organisation=organisation, pk=pk)
            .select_related("caregiver", "recipient", "created_by")
            .prefetch_related("languages", "caregiver__languages", "recipient__languages"))


def help_request_transitions(*, request: HelpRequest):
    return request.transitions.select_related("by").order_by("at", "pk")


def caregiver_search(*, organisation: Organisation, query: str, limit: int = 8):
    """Caregivers whose name, phone or e-mail contains the query (not erased ones)."""
    query = query.strip()
    if len(query) < 2:
        return Caregiver.objects.none()
    digits = "".join(ch for ch in query if ch.isdigit())
    condition = Q(name__icontains=query) | Q(email__icontains=query)
    if len(digits) >= 4:
        condition |= Q(phone__icontains=digits)
    return (Caregiver.objects.filter(organisation=organisation, erased_at=None)
            .filter(condition).prefetch_related("recipients")
            .annotate(open_requests=Count("help_requests", filter=Q(
                help_requests__status__in=HelpRequest.OPEN_STATUSES)))
            .order_by("name")[:limit])


def partner_list(*, organisation: Organisation, activity: str = "", query: str = "",
                 include_inactive: bool = False) -> QuerySet[Partner]:
    partners = Partner.objects.filter(organisation=organisation).annotate(
        referral_count=Count("referrals"))
    if not include_inactive:
        partners = partners.filter(active=True)
    if activity:
        partners = partners.filter(activities__has=activity)
    if query.strip():
        q = query.strip()
        partners = partners.filter(Q(name__icontains=q) | Q(area__icontains=q)
                                   | Q(contact_person__icontains=q))
    return partners.order_by("name")


def partner_suggestions(*, request: HelpRequest) -> list[Partner]:
    """Active partners whose activities overlap the request's, most overlap first."""
    wanted = set(request.activities)
    if not wanted:
        return []
    partners = Partner.objects.filter(organisation=request.organisation, active=True,
                                      activities__overlaps=list(wanted))
    scored = []
    for partner in partners:
        shared = [code for code in partner.activities if code in wanted]
        partner.shared_activities = shared
        scored.append(partner)
    return sorted(scored, key=lambda p: (-len(p.shared_activities), p.name.lower()))
