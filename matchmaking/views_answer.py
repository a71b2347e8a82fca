"""The caregiver's answer page, reached by the signed link in their e-mail (no account).
A GET only shows the question (mail scanners open links); a POST records the answer. A
tampered or unknown link is a 404 with a plain explanation; a used, expired or overtaken
link says so and gives the organisation's phone number."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone, translation

from core.i18n import portal_page, supported

from .answer_forms import CaregiverAnswerForm
from .lifecycle_services import AlreadyAnswered, match_caregiver_answer
from .links import LinkState, caregiver_link_check
from .services import MatchingError

TEMPLATE = "matchmaking/answer/caregiver.html"


def _language(request, caregiver) -> str:
    """The visitor's own choice of the language bar, else the caregiver's language."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return request.LANGUAGE_CODE
    return supported(caregiver.language) or request.LANGUAGE_CODE


@portal_page
def caregiver_answer(request, token):
    now = timezone.now()
    link = caregiver_link_check(token, now=now)
    if link is None:
        return render(request, "matchmaking/answer/invalid.html", status=404)
    match = link.match
    state, answer, form = link.state, None, CaregiverAnswerForm()
    if request.method == "POST" and state == LinkState.OPEN:
        form = CaregiverAnswerForm(request.POST)
        if form.is_valid():
            answer = form.cleaned_data["answer"]
            try:
                match_caregiver_answer(match=match, accept=answer == "yes", via_link=True,
                                       text=form.cleaned_data["text"], now=now)
                state = "answered"
            except AlreadyAnswered:
                state = LinkState.USED
            except MatchingError:
                state = LinkState.CLOSED
    language = _language(request, match.request.caregiver)
    with translation.override(language):
        response = render(request, TEMPLATE, {
            "match": match, "organisation": match.organisation, "state": state,
            "answer": answer, "form": form, "caregiver": match.request.caregiver,
            "volunteer_first_name": match.volunteer.first_name,
            "LANGUAGE_CODE": language,
        })   # a POST without a choice shows the question again (public page: 200)
    # The link's token never leaves the site: the site-wide Referrer-Policy is same-origin.
    # "no-referrer" here made the browser send "Origin: null" with the answer, which
    # Django's CSRF check rightly refuses, so no caregiver could say yes (found end to end).
    response["Cache-Control"] = "no-store"
    return response
