"""A therapist's slug gives their booking address, so it cannot be one the site uses."""

import pytest
from django.core.exceptions import ValidationError

from practice.models import Therapist


@pytest.mark.django_db
def test_a_therapist_cannot_be_called_thanks():
    therapist = Therapist(name="Thanks", slug="thanks", notification_email="t@example.com")

    with pytest.raises(ValidationError) as error:
        therapist.full_clean()

    assert error.value.message_dict["slug"] == [
        "“thanks” is already the address of one of the site’s own pages: choose another slug."
    ]
