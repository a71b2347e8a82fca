"""Demo caregivers, care recipients, help requests and a partner directory."""

import random
from datetime import timedelta

from django.utils import timezone

from core.demo_people import COMMUNITIES, INTERESTS, community_weights
from core.models import Organisation, Postcode
from core.slots import ALL_SLOTS, DAY_PARTS
from core.vocabulary import LEVEL_ORDER, Activity

from .models import (
    Caregiver,
    CaregiverLanguage,
    CareRecipient,
    CareRelation,
    HelpRequest,
    Partner,
    RecipientLanguage,
)
from .selectors import partner_suggestions
from .services import help_request_create, help_request_refer, help_request_transition

COUNT = 60
REFERRED = 2
REFERRAL_REASON = ("De zorgvraag is zwaarder dan een vrijwilliger kan dragen; de partner heeft "
                   "hier een vast team voor.")

PARTNERS = [
    ("Humanitas Maatjesproject", ["companionship", "outings"], "heel Utrecht",
     "Esther Vermeulen", "Aanmelden via het formulier op de website; intake binnen twee weken."),
    ("Stichting Thuisadministratie", ["administration"], "Utrecht en Nieuwegein",
     "Rob Willems", "Bellen met het spreekuur op dinsdag en donderdag."),
    ("Klussendienst Ondiep", ["odd_jobs"], "Noordwest", "Gerard Smit",
     "Mail de klus met foto's; materiaal betaalt de bewoner."),
    ("Taalhuis Utrecht", ["language_buddy", "homework"], "heel Utrecht", "Saskia Lammers",
     "Verwijzen via de bibliotheek of het taalhuis-spreekuur."),
    ("Alzheimer Café Utrecht", ["companionship", "respite"], "heel Utrecht", "Monique Claassen",
     "Mantelzorger kan zelf langskomen; elke derde woensdag van de maand."),
    ("Vluchtelingenwerk Midden-Nederland", ["interpreting", "language_buddy"], "Utrecht",
     "Yonas Berhe", "Via de consulent van de statushouder."),
]

DESCRIPTIONS = {
    "companionship": ("Mijn moeder woont alleen en voelt zich eenzaam. Iemand die een kopje "
                      "koffie komt drinken en een praatje maakt, zou veel voor haar betekenen."),
    "respite": ("Ik zorg voor mijn man met dementie. Eén middag per week iemand bij hem, zodat "
                "ik boodschappen kan doen of even rust heb."),
    "groceries": "Mijn vader kan niet meer goed lopen. Hulp bij de wekelijkse boodschappen zou fijn zijn.",
    "transport": ("Mijn moeder moet regelmatig naar het ziekenhuis en ik werk overdag. Wie kan "
                  "mee naar afspraken?"),
    "odd_jobs": "De tuin is verwilderd en er moeten lampen opgehangen worden.",
    "administration": "Post stapelt zich op; hulp bij brieven van de gemeente en de zorgverzekering.",
    "walking": "Mijn vrouw heeft hersenletsel en wil graag wandelen of duofietsen, maar niet alleen.",
    "outings": "Mijn tante gaat graag naar het museum of de markt, maar durft niet meer alleen.",
    "digital_help": "Mijn ouders willen leren videobellen met de kleinkinderen.",
    "language_buddy": "Mijn schoonmoeder wil beter Nederlands leren spreken.",
    "interpreting": "Mijn moeder spreekt weinig Nederlands; bij de huisarts is een tolk nodig.",
    "homework": "Twee jongens van 10 en 12 hebben hulp nodig met huiswerk en de computer.",
    "meals": "Mijn vader eet slecht sinds mijn moeder overleed; samen koken zou goed doen.",
}

FAMILY_LANGUAGES = {
    "": [("nl", "native")],
    "Marokkaans": [("ar", "native"), ("rif", "native"), ("nl", "A2")],
    "Turks": [("tr", "native"), ("nl", "A2")],
    "Eritrees": [("ti", "native"), ("nl", "A1")],
    "Oekraïens": [("uk", "native"), ("ru", "C1"), ("nl", "A1")],
    "Pools": [("pl", "native"), ("nl", "A2")],
    "Somalisch": [("so", "native"), ("nl", "A2")],
    "Surinaams": [("nl", "native"), ("srn", "native")],
    "Syrisch": [("ar", "native"), ("nl", "A1")],
    "Afghaans": [("prs", "native"), ("nl", "A1")],
}


def seed_partners(*, organisation: Organisation) -> int:
    created = 0
    for name, activities, area, contact, how in PARTNERS:
        _partner, was_created = Partner.objects.get_or_create(
            organisation=organisation, name=name,
            defaults={"activities": activities, "area": area, "contact_person": contact,
                      "how_to_refer": how},
        )
        created += was_created
    return created


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    rng = random.Random(4242)  # noqa: S311 - demo data, not security
    areas = list(Postcode.objects.order_by("code"))
    partners = seed_partners(organisation=organisation)
    created = 0
    fresh_new: list[HelpRequest] = []
    for i in range(1, COUNT + 1):
        community = rng.choices(COMMUNITIES, weights=community_weights())[0]
        background, _w, _langs, female, male, families = community
        family = rng.choice(families)
        caregiver_name = f"{rng.choice(female + male)} {family}"
        recipient_name = f"{rng.choice(female + male)} {family}"
        area = rng.choice(areas)
        activities = rng.sample(Activity.values, rng.randint(1, 2))
        part = rng.choice(DAY_PARTS)
        day_slots = [s for s in ALL_SLOTS if s.endswith(part)]
        slots = rng.sample(day_slots, rng.randint(1, 3))
        if rng.random() < 0.3:
            slots.append(rng.choice(ALL_SLOTS))
        wish_same = bool(background) and rng.random() < 0.35
        consent = bool(background) and (wish_same or rng.random() < 0.5)
        received = now - timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 8))
        status = rng.choices(["new", "intake_done", "matching"], weights=[15, 15, 70])[0]
        gender_preference = rng.choices(["any", "female", "male"], weights=[78, 17, 5])[0]
        reference = f"DEMO-{i:04d}"
        channel = rng.choice(["phone", "phone", "email", "whatsapp"])
        source = rng.choice(["neighbourhood_team", "district_nurse", "gp", "consulent", "self",
                             "self"])
        interests = rng.sample(INTERESTS, rng.randint(0, 2))
        frequency = rng.choice(["weekly", "weekly", "biweekly", "monthly"])
        commitment = rng.choice(["short", "long", "long"])
        phone = f"06{rng.randint(10000000, 99999999)}"
        birth_year = rng.randint(1930, 1960)
        relationship = rng.choice(["dochter", "zoon", "partner", "buurvrouw", "nicht"])
        urgency = rng.choices(["low", "normal", "high"], weights=[20, 65, 15])[0]
        # Every random draw happens above, so a second run sees the same people.
        if HelpRequest.objects.filter(organisation=organisation, reference=reference).exists():
            continue

        stated = background if consent else ""
        family_languages = FAMILY_LANGUAGES[background]
        caregiver = Caregiver.objects.create(
            organisation=organisation, name=caregiver_name,
            email=f"mantelzorger{i:03d}@demo.koppel.nl" if channel != "phone" or i % 3 else "",
            phone=phone, postcode=f"{area.code}",
            latitude=area.latitude, longitude=area.longitude, contact_channel=channel,
            background=stated, background_consent_at=received if consent else None,
            consent_data_at=received, consent_share_contact_at=received, created_at=received,
        )
        recipient = CareRecipient.objects.create(
            organisation=organisation, name=recipient_name, postcode=f"{area.code}",
            latitude=area.latitude, longitude=area.longitude, birth_year=birth_year,
            background=stated, background_consent_at=received if consent else None,
            consent_data_at=received, created_at=received,
        )
        # The caregiver (often a son or daughter) usually speaks more Dutch than the parent.
        CaregiverLanguage.objects.bulk_create([
            CaregiverLanguage(caregiver=caregiver, language=code,
                              level=max(LEVEL_ORDER[level], LEVEL_ORDER["B2"]) if code == "nl"
                              else LEVEL_ORDER[level])
            for code, level in family_languages])
        RecipientLanguage.objects.bulk_create([
            RecipientLanguage(recipient=recipient, language=code, level=LEVEL_ORDER[level])
            for code, level in family_languages])
        CareRelation.objects.create(caregiver=caregiver, recipient=recipient,
                                    relationship=relationship)
        request = help_request_create(
            request=HelpRequest(
                organisation=organisation, reference=reference, caregiver=caregiver,
                recipient=recipient, source=source, activities=activities,
                interests=interests, slots=slots, frequency=frequency, commitment=commitment,
                postcode=area.code, latitude=area.latitude, longitude=area.longitude,
                culture_preference="same_background" if wish_same else "open",
                background=stated, gender_preference=gender_preference,
                description=" ".join(DESCRIPTIONS[a] for a in activities),
                urgency=urgency, received_at=received,
            ),
            languages=family_languages, now=received, background_consent=consent,
        )
        path = {"new": [], "intake_done": ["intake_done"],
                "matching": ["intake_done", "matching"]}[status]
        for step, to_status in enumerate(path, start=1):
            help_request_transition(request=request, to_status=to_status, by=None,
                                    now=min(received + timedelta(days=step), now))
        if status == "new":
            fresh_new.append(request)
        created += 1

    # A few new requests were too heavy for a volunteer: referred to a partner.
    referred = 0
    for request in fresh_new:
        partners_for_it = partner_suggestions(request=request)
        if partners_for_it and referred < REFERRED:
            help_request_refer(request=request, partner=partners_for_it[0], by=None,
                               reason=REFERRAL_REASON,
                               now=min(request.received_at + timedelta(days=2), now))
            referred += 1
    log(f"Help requests: {created} created ({referred} referred), {COUNT - created} already "
        f"there; partners: {partners} created")
    return created
