import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_render(signup, coordinator_a_client, volunteer_a_client, volunteer_a):
    for url in [reverse("journey:timeline", args=[signup.pk]), reverse("journey:my_actions"),
                reverse("journey:funnel"), reverse("journey:settings"),
                reverse("journey:exit", args=[signup.pk])]:
        response = coordinator_a_client.get(url)
        assert response.status_code == 200, url
    assert volunteer_a_client.get(reverse("journey:mine")).status_code == 200
