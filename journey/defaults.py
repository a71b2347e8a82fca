"""The steps every organisation starts with, taken from the seeds (000 §3, 004).

Labels are Dutch source strings (translated in locale/en); an organisation may give a step
its own name, which is then shown as written. `due_days` counts from the start of the phase
(or from the first deployment for the thank-you call); `repeat_days` makes a step come back
after it is done (a guidance conversation every six months, appreciation every year).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DefaultStep:
    code: str
    phase: str
    label: str
    due_days: int | None
    anchor: str = "phase"
    repeat_days: int | None = None
    required: bool = False


DEFAULT_STEPS = [
    # Instroom: signed up, first contact within a few days, an equal intake conversation,
    # the certificate of conduct, an introduction, and then ready to be matched.
    DefaultStep("signed_up", "intake", _("Aangemeld"), 0),
    DefaultStep("first_contact", "intake", _("Eerste contact"), 3, required=True),
    DefaultStep("intake_conversation", "intake", _("Intakegesprek"), 14, required=True),
    DefaultStep("vog_requested", "intake", _("VOG aangevraagd"), 14),
    DefaultStep("vog_received", "intake", _("VOG ontvangen"), 42),
    DefaultStep("introduction", "intake", _("Introductie of training"), 42),
    DefaultStep("ready_to_match", "intake", _("Klaar om te koppelen"), 56, required=True),
    # Doorstroom: "after the first deployment I call to thank them and ask how it went".
    DefaultStep("first_deployment", "active", _("Eerste inzet"), 30),
    DefaultStep("thank_you_call", "active", _("Bedankje en vragen hoe het ging"), 3,
                anchor="first_deployment"),
    DefaultStep("guidance_conversation", "active", _("Begeleidingsgesprek"), 182,
                repeat_days=182),
    DefaultStep("training", "active", _("Training aanbieden"), 90),
    DefaultStep("appreciation", "active", _("Waarderingsmoment"), 365, repeat_days=365),
    DefaultStep("development_conversation", "active",
                _("Ontwikkelgesprek: andere of meer taken?"), 270, repeat_days=365),
    DefaultStep("volunteer_council", "active", _("Inspraak: uitnodigen voor de vrijwilligersraad"),
                120),
    # Uitstroom: learning and feedback, help with the next step, a good farewell,
    # ambassadorship, a testimonial or certificate.
    DefaultStep("exit_conversation", "exit", _("Exitgesprek"), 7, required=True),
    DefaultStep("next_step", "exit", _("Hulp bij de volgende stap"), 14),
    DefaultStep("farewell", "exit", _("Afscheid"), 21),
    DefaultStep("ambassador", "exit", _("Ambassadeur: ja of nee"), 21),
    DefaultStep("certificate", "exit", _("Getuigschrift of certificaat"), 30),
]

DEFAULT_LABELS = {step.code: step.label for step in DEFAULT_STEPS}

# Steps with a meaning for the services (the others are plain actions).
SIGNED_UP = "signed_up"
READY_TO_MATCH = "ready_to_match"
FIRST_DEPLOYMENT = "first_deployment"
TRAINING = "training"
EXIT_CONVERSATION = "exit_conversation"
NEXT_STEP = "next_step"
AMBASSADOR = "ambassador"
CERTIFICATE = "certificate"
