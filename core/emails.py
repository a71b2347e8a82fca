"""Real e-mails: a plain-text and an HTML part rendered from templates, in the language of
the person who receives them, with a Message-ID the caller can store."""

from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(
    *, to: str, template: str, context: dict, language: str = "nl", reply_to: str = "",
    attachments: tuple = (),
    message_id: str = "",
) -> str:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` and send them.
    `attachments`: (filename, content, mimetype) tuples, e.g. an iCal invitation.

    Returns the Message-ID (so callers can show or match delivery later). A caller that may
    send the same message again after a crash passes its own deterministic `message_id`, so
    the copy carries the same Message-ID and mail programs show it once.
    """
    context = {"base_url": settings.KOPPEL_BASE_URL.rstrip("/"), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        subject = " ".join(subject.split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message_id = message_id or make_msgid(domain="koppel.local")
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        headers={"Message-ID": message_id},
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message_id
