"""The testimonial (getuigschrift) as a PDF, after the example in seed 004, in Dutch or
English. Made on demand from a Certificate row; nothing is stored as a file.

fpdf2's built-in fonts are Latin-1 only, so the vendored DejaVu Sans is used: names such as
"Ayşe Yılmaz" or "Wiśniewska" print as written.
"""

import logging
from pathlib import Path

from django.template.defaultfilters import date as format_date
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .competences import Competence
from .models import Certificate

FONT_DIR = Path(__file__).parent / "fonts"
# fpdf2 subsets the font with fontTools, which logs every glyph table at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)
FONT = "DejaVu"


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=22)
    return pdf


def certificate_filename(certificate: Certificate, language: str) -> str:
    word = "getuigschrift" if language == "nl" else "certificate"
    return f"{word}-{certificate.journey.volunteer_id}-{certificate.journey.number}.pdf"


def certificate_pdf(*, certificate: Certificate, language: str = "nl") -> bytes:
    journey = certificate.journey
    volunteer = journey.volunteer
    organisation = journey.organisation
    with translation.override(language):
        name = volunteer.full_name
        start = journey.intake_completed_at or journey.started_at
        end = journey.exit_started_at
        pdf = _pdf()
        pdf.set_title(_("Getuigschrift") + f" {name}")
        pdf.set_author(organisation.name)
        pdf.set_creator("Koppel")
        pdf.add_page()

        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(11, 93, 99)
        pdf.cell(0, 6, organisation.name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 9)
        pdf.set_text_color(87, 96, 106)
        contact = " · ".join(v for v in (organisation.email, organisation.phone) if v)
        if contact:
            pdf.cell(0, 5, contact, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(14)

        pdf.set_text_color(31, 35, 40)
        pdf.set_font(FONT, "B", 24)
        pdf.cell(0, 12, _("Getuigschrift"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)

        pdf.set_font(FONT, "", 11)
        values = {"signer": certificate.signer_name, "organisation": organisation.name,
                  "name": name, "role": certificate.role_title,
                  "start": format_date(start, "j F Y"),
                  "end": format_date(end, "j F Y") if end else ""}
        if end:
            text = _("Hierbij verklaart %(signer)s van %(organisation)s dat %(name)s bij ons "
                     "werkzaam is geweest als %(role)s, van %(start)s tot %(end)s.") % values
        else:
            text = _("Hierbij verklaart %(signer)s van %(organisation)s dat %(name)s sinds "
                     "%(start)s bij ons werkzaam is als %(role)s.") % values
        pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)

        if certificate.tasks:
            pdf.multi_cell(0, 6.5, _("%(name)s heeft in die periode de volgende werkzaamheden "
                                     "verricht:") % {"name": volunteer.first_name or name},
                           new_x="LMARGIN", new_y="NEXT")
            _bullets(pdf, certificate.tasks)

        competences = [str(Competence(code).label) for code in certificate.competences
                       if code in Competence.values]
        if competences:
            pdf.multi_cell(0, 6.5, _("Daarbij heeft %(name)s deze algemene "
                                     "vrijwilligerscompetenties (EVC-A) laten zien:")
                           % {"name": volunteer.first_name or name},
                           new_x="LMARGIN", new_y="NEXT")
            _bullets(pdf, competences)

        contact_bits = {"name": name, "signer": certificate.signer_name,
                        "contact": " / ".join(v for v in (certificate.signer_email or
                                                          organisation.email,
                                                          organisation.phone) if v)}
        if contact_bits["contact"]:
            more = _("Wilt u meer weten over het functioneren van %(name)s? Dan nodigen wij u "
                     "van harte uit om contact op te nemen met %(signer)s via "
                     "%(contact)s.") % contact_bits
        else:
            more = _("Wilt u meer weten over het functioneren van %(name)s? Dan nodigen wij u "
                     "van harte uit om contact op te nemen met %(signer)s.") % contact_bits
        pdf.multi_cell(0, 6.5, more, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)

        pdf.cell(0, 6.5, _("Hoogachtend,"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
        pdf.set_font(FONT, "B", 11)
        pdf.cell(0, 6.5, certificate.signer_name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 11)
        pdf.cell(0, 6.5, f"{certificate.signer_role}, {organisation.name}",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 6.5, format_date(certificate.signed_on, "j F Y"),
                 new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())


def _bullets(pdf: FPDF, items) -> None:
    for item in items:
        pdf.set_x(pdf.l_margin + 4)
        pdf.multi_cell(0, 6.5, f"✓  {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
