from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from core.cli import resolve_organisation
from core.models import Invitation, Organisation, Postcode


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_create_organisation_with_slug_and_admin_invitation():
    out, _err = run("create_organisation", "Vrijwilligerscentrale Utrecht", "--slug", "vc-utrecht",
                    "--admin-email", "Beheer@Example.nl")
    organisation = Organisation.objects.get(slug="vc-utrecht")
    assert organisation.name == "Vrijwilligerscentrale Utrecht"
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "beheer@example.nl" and invitation.role == "admin"
    assert "/uitnodiging/" in out
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["beheer@example.nl"]


@pytest.mark.django_db
def test_create_organisation_makes_a_slug_and_refuses_a_taken_one():
    run("create_organisation", "Steunpunt Mantelzorg Zeist")
    assert Organisation.objects.filter(slug="steunpunt-mantelzorg-zeist").exists()
    with pytest.raises(CommandError, match="already exists"):
        run("create_organisation", "Iets anders", "--slug", "steunpunt-mantelzorg-zeist")


@pytest.mark.django_db
def test_create_organisation_refuses_a_bad_email():
    with pytest.raises(CommandError, match="not a valid e-mail"):
        run("create_organisation", "X", "--admin-email", "geen-adres")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_organisation_option_is_optional_only_with_one_organisation(org_a, org_b):
    assert resolve_organisation("org-b") == org_b
    with pytest.raises(CommandError, match="several organisations"):
        resolve_organisation(None)
    with pytest.raises(CommandError, match="Unknown organisation"):
        resolve_organisation("nope")


@pytest.mark.django_db
def test_organisation_option_without_any_organisation():
    with pytest.raises(CommandError, match="no organisation yet"):
        resolve_organisation(None)


@pytest.mark.django_db
def test_import_postcodes_is_idempotent_and_all_or_nothing(tmp_path):
    good = tmp_path / "pc.csv"
    good.write_text("postcode;latitude;longitude\n3511;52,0929;5,1145\n3512;52.088;5.123\n",
                    encoding="utf-8-sig")
    out, _ = run("import_postcodes", str(good))
    assert "2 created" in out
    out, _ = run("import_postcodes", str(good))
    assert "0 created, 0 updated, 2 unchanged" in out

    bad = tmp_path / "bad.csv"
    bad.write_text("postcode,latitude,longitude\n3513,52.1,5.1\n12,52.1,5.1\n3514,abc,5.1\n")
    with pytest.raises(CommandError, match="Nothing imported: 2 problem"):
        run("import_postcodes", str(bad))
    assert not Postcode.objects.filter(code="3513").exists()
