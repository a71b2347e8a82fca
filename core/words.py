"""Words that fit: how an organisation names its volunteers towards caregivers and the people
they care for.

Seed 000: for some families "vrijwilliger" feels like being fobbed off ("je voelt je snel
afgescheept"); "maatje", "goede buur" or a word of their own lands better. Every text that
caregivers or care recipients read or hear (e-mails, check-in pages, consent questions read
out at intake) names volunteers through this module, never with a literal "vrijwilliger":

    from core.words import volunteer_word
    volunteer_word(organisation)               # "maatje" (translated when it is a preset)
    volunteer_word(organisation, plural=True)  # "maatjes"

    {% load koppel_words %}
    {% volunteer_word organisation as word %}
    {% blocktranslate %}Uw {{ word }} komt dinsdag.{% endblocktranslate %}

Dutch nouns differ in article ("de vrijwilliger", "het maatje") and an own word has an
unknown one, so write sentences without an article: "uw {{ word }}", "een {{ word }}" (for
"een" both genders agree), or the word alone in a label. Staff pages keep "vrijwilliger": it
is the professional term and what the organisation's own reports use.
"""

from django.utils.translation import gettext_lazy as _

from .models import Organisation, VolunteerWord

# (singular, plural) for each preset; the msgids are the Dutch words, translated per language.
PRESETS = {
    VolunteerWord.VOLUNTEER: (_("vrijwilliger"), _("vrijwilligers")),
    VolunteerWord.BUDDY: (_("maatje"), _("maatjes")),
    VolunteerWord.GOOD_NEIGHBOUR: (_("goede buur"), _("goede buren")),
}


def volunteer_word(organisation: Organisation | None, plural: bool = False) -> str:
    """The organisation's word for a volunteer (or volunteers), in the active language for a
    preset and as the organisation wrote it for an own word."""
    choice = organisation.volunteer_word if organisation is not None else VolunteerWord.VOLUNTEER
    if choice == VolunteerWord.OWN and organisation.volunteer_word_own:
        if plural:
            return organisation.volunteer_word_own_plural or organisation.volunteer_word_own
        return organisation.volunteer_word_own
    singular, plural_word = PRESETS.get(choice, PRESETS[VolunteerWord.VOLUNTEER])
    return str(plural_word if plural else singular)
