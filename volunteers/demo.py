"""Demo volunteers: about 200 people of the communities in core.demo_people, spread over
Utrecht's neighbourhoods, with varied availability, motivations and languages."""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from core.demo import DEMO_PASSWORD, demo_user
from core.demo_people import COMMUNITIES, INTERESTS, community_weights
from core.models import Organisation, Postcode
from core.slots import ALL_SLOTS
from core.vocabulary import LEVEL_ORDER, Activity, Commitment, Motivation

from .models import Volunteer, VolunteerLanguage

COUNT = 200
# The first demo volunteer can log in, to show Mijn Koppel.
DEMO_VOLUNTEER_EMAIL = "vrijwilliger@demo.koppel.nl"


def _languages(rng, community_languages):
    languages = {}
    for code, level in community_languages:
        if code == "nl" and level != "native":
            level = rng.choice(["A1", "A2", "B1", "B2", "C1"] if level in {"A2", "B1"}
                               else [level, "C2"])
        languages[code] = level
    if "en" not in languages and rng.random() < 0.5:
        languages["en"] = rng.choice(["A2", "B1", "B2", "C1"])
    if rng.random() < 0.1:
        languages[rng.choice(["de", "fr", "es"])] = rng.choice(["A2", "B1"])
    return languages


def seed(*, organisation: Organisation, log, now=None) -> int:
    now = now or timezone.now()
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    areas = list(Postcode.objects.order_by("code"))
    created = 0
    for i in range(COUNT):
        community = rng.choices(COMMUNITIES, weights=community_weights())[0]
        background, _w, langs, female, male, families = community
        gender = rng.choices(["female", "male", "other"], weights=[62, 36, 2])[0]
        first = rng.choice(female if gender != "male" else male)
        last = rng.choice(families)
        email = (DEMO_VOLUNTEER_EMAIL if i == 0
                 else f"{slugify(first)}.{slugify(last)}.{i:03d}@demo.koppel.nl")
        area = rng.choice(areas)
        slots = rng.sample(ALL_SLOTS, rng.randint(2, 7))
        motivations = rng.sample(Motivation.values, rng.randint(1, 3))
        languages = _languages(rng, langs)
        if languages.get("nl") in {"A1", "A2", "B1"} and "practice_dutch" not in motivations:
            motivations.append("practice_dutch")
        status = rng.choices(["active", "intake", "paused", "alumni"], weights=[76, 12, 7, 5])[0]
        consent = bool(background) and rng.random() < 0.6
        signed_up = now - timedelta(days=rng.randint(5, 720))

        letters = "ABCDEGHJKLMNPRSTVWXZ"
        fields = {
            "first_name": first, "last_name": last,
            "phone": f"06{rng.randint(10000000, 99999999)}",
            "postcode": f"{area.code} {rng.choice(letters)}{rng.choice(letters)}",
            "latitude": round(area.latitude + rng.uniform(-0.004, 0.004), 5),
            "longitude": round(area.longitude + rng.uniform(-0.006, 0.006), 5),
            "max_distance_km": rng.choice([2, 3, 5, 5, 8, 10, 10, 15]),
            "gender": gender, "birth_year": rng.randint(1948, 2006),
            "slots": slots, "hours_per_week": rng.choice([2, 3, 4, 4, 6, 8]),
            "commitment": rng.choice(Commitment.values),
            "activities": rng.sample(Activity.values, rng.randint(2, 4)),
            "motivations": motivations,
            "interests": rng.sample(INTERESTS, rng.randint(0, 3)),
            "background": background if consent else "",
            "background_consent_at": signed_up if consent else None,
            "intercultural_training": rng.random() < 0.2,
            "contact_channel": rng.choice(["email", "email", "whatsapp", "phone"]),
            "status": status,
            "paused_until": (now + timedelta(days=rng.randint(7, 60))).date()
            if status == "paused" else None,
            "signed_up_at": signed_up, "created_at": signed_up,
        }
        # Every random draw happens above, so a second run sees the same people.
        if Volunteer.objects.filter(user__email=email).exists():
            continue
        user = demo_user(email, first, last, password=DEMO_PASSWORD if i == 0 else None)
        volunteer = Volunteer.objects.create(organisation=organisation, user=user, **fields)
        VolunteerLanguage.objects.bulk_create([
            VolunteerLanguage(volunteer=volunteer, language=code, level=LEVEL_ORDER[level])
            for code, level in languages.items()
        ])
        created += 1
    log(f"Volunteers: {created} created, {COUNT - created} already there")
    return created
