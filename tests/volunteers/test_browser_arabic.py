"""Issue 10, "done when": a newcomer signs up in Arabic on a phone-sized screen (375 px) and
records their route and consulent. Every page of the way is right to left, passes axe's
WCAG 2.1 AA checks, is no wider than the screen and logs no errors; a screenshot of each
step is kept in test-artifacts/ (newcomer-arabic-phone-*.png). Turkish and Ukrainian get a
shorter walk on the same phone."""

import re

import pytest
from django.core import mail

from volunteers.models import Volunteer

from ..browser_support import axe_violations, describe, screenshot
from .helpers import load_postcodes, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Checker:
    def __init__(self, page):
        self.page, self.console, self.steps = page, [], 0
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)

    def __call__(self, name):
        page = self.page
        page.wait_for_load_state()
        self.steps += 1
        screenshot(page, f"newcomer-arabic-phone-{self.steps:02d}-{name}")
        assert page.evaluate("document.documentElement.dir") == "rtl", name
        assert page.evaluate("document.documentElement.lang") == "ar", name
        violations = axe_violations(page)
        assert violations == [], (name, describe(violations))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (name, "wider than the screen", width)
        assert self.console == [], (name, self.console)


def submit(page):
    page.locator("main form button.btn-primary").last.click()
    page.wait_for_load_state()


def test_a_newcomer_signs_up_in_arabic_on_a_phone(phone, org_a):
    load_postcodes()
    page, check = phone, Checker(phone)
    page.goto("/vrijwilliger-worden/")
    # The language bar is in sight on a phone, every language named in its own script.
    page.get_by_role("button", name="العربيّة").click()
    check("welcome")
    assert page.get_by_role("heading", level=1).inner_text() == "تطوَّع بالقرب من بيتك"

    page.get_by_role("link", name="أريد التسجيل").click()
    check("account")
    page.fill("input[name=email]", "layla@example.nl")
    page.fill("input[name=password1]", "een-lang-wachtwoord")
    page.fill("input[name=password2]", "een-lang-wachtwoord")
    page.locator("main form button[type=submit]").click()
    check("check-your-email")
    link = next(x for x in re.findall(r"https?://\S+", mail.outbox[-1].body) if "confirm" in x)
    page.goto(path_of(link))
    check("confirm-email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/aanmelden/about/"))

    submit(page)  # nothing filled in: the errors, in Arabic, announced and focused
    assert page.evaluate("document.activeElement.id") == "form-errors"
    assert "حدث خطأ" in page.locator("#form-errors").inner_text()
    check("about-errors")
    page.get_by_label("الاسم الأول").fill("Layla")
    page.get_by_label("الرمز البريدي").fill("3511ab")
    page.get_by_label("أنا جديد/ة في هولندا", exact=False).check()
    check("about")
    submit(page)

    check("languages")
    page.select_option("#id_languages-0-level", label="A2 (محادثات بسيطة)")
    page.select_option("#id_languages-1-language", "ar")
    page.select_option("#id_languages-1-level", label="اللغة الأم")
    submit(page)

    check("newcomer")
    assert page.get_by_role("heading", level=1).inner_text() == "جديد/ة في هولندا"
    page.get_by_label("مسار B1", exact=False).check()
    page.get_by_label("ما المستوى الذي تريد أن تصل إليه؟").select_option("B1")
    page.get_by_label("اسم مستشارك (consulent)").fill("Mevrouw De Wit")
    page.get_by_label("هاتف أو بريد مستشارك الإلكتروني").fill("0314 123 456")
    page.get_by_label("نعم، يمكنكم أن تخبروا مستشاري", exact=False).check()
    page.get_by_label("التكلم مع الأشخاص الذين أساعدهم").check()
    page.get_by_label("كيف ترى مستقبلك؟", exact=False).fill("أريد أن أعمل في رعاية المسنين")
    check("newcomer-filled-in")  # the picture in docs/newcomer-arabic-phone.png
    submit(page)

    check("availability")
    page.get_by_label("الثلاثاء، بعد الظهر").check()
    page.get_by_label("السبت، الصباح").check()
    page.get_by_label("كم ساعة في الأسبوع؟").fill("3")
    page.get_by_label("فترة قصيرة", exact=False).check()
    submit(page)
    check("activities")
    page.get_by_label("الصحبة، الزيارة، رفيق").check()
    page.get_by_label("أن أتدرب على اللغة الهولندية").check()
    page.get_by_label("أن أكتسب خبرة عمل", exact=False).check()
    submit(page)
    check("background")
    submit(page)
    check("contact")
    page.get_by_label("البريد الإلكتروني").check()
    page.get_by_label("نعم، من فضلك").check()
    submit(page)
    check("confirm")
    page.get_by_label("قرأت بيان الخصوصية", exact=False).check()
    submit(page)

    page.wait_for_url(re.compile(r".*/mijn-koppel/$"))
    check("mijn-koppel")
    assert "مرحبًا Layla" in page.content()
    assert "Mevrouw De Wit" in page.content()

    volunteer = Volunteer.objects.select_related("newcomer", "user").get(
        user__email="layla@example.nl")
    assert volunteer.user.language == "ar" and volunteer.signup_step == ""
    profile = volunteer.newcomer
    assert (profile.route, profile.dutch_level_goal) == ("b1", "B1")
    assert profile.consulent_name == "Mevrouw De Wit" and profile.consulent_consent_at
    assert profile.future == "أريد أن أعمل في رعاية المسنين"
    assert {"practice_dutch", "work_experience"} <= set(volunteer.motivations)
    # The welcome e-mail went out in Arabic.
    assert mail.outbox[-1].subject.startswith("أهلًا بك متطوعًا في")


@pytest.mark.parametrize(("language", "name"), [("tr", "Türkçe"), ("uk", "Українська")])
def test_turkish_and_ukrainian_fit_a_phone_too(phone, org_a, language, name):
    """Long Ukrainian words and Turkish suffixes must not push a page wider than the screen."""
    page = phone
    page.goto("/vrijwilliger-worden/")
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    for step in ("welcome", "account"):
        assert page.evaluate("document.documentElement.lang") == language
        assert page.evaluate("document.documentElement.dir") == "ltr"
        assert axe_violations(page) == [], step
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, step
        screenshot(page, f"portal-{language}-phone-{step}")
        if step == "welcome":
            page.locator(".hero a.btn-primary").click()
            page.wait_for_load_state()
    page.fill("input[name=email]", f"{language}@example.nl")
    page.fill("input[name=password1]", "een-lang-wachtwoord")
    page.fill("input[name=password2]", "een-lang-wachtwoord")
    page.locator("main form button[type=submit]").click()
    link = next(x for x in re.findall(r"https?://\S+", mail.outbox[-1].body) if "confirm" in x)
    page.goto(path_of(link))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/aanmelden/about/"))
    page.locator("#id_newcomer").check()
    submit(page)  # every error of the step, in the chosen language
    assert page.locator("#form-errors").is_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, f"portal-{language}-phone-about-errors")
