"""Each therapist has a profile (photo, credentials, license, specialties, approach,
languages, sessions, articles, a way to book) and "Connect here" under each of their posts."""

import pytest

from practice.models import Practice, Therapist
from tests.image_files import photo, upload
from tests.parsing import find_all, structured_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def morgan(therapist, service, media_root):
    therapist.pronouns = "she/her"
    therapist.credentials = "LMFT"
    therapist.licence_type = "Licensed Marriage and Family Therapist"
    therapist.licence_number = "T0142"
    therapist.licence_state = "Oregon"
    therapist.short_bio = "Morgan works with couples on trust and communication."
    therapist.approach = "## How I work\n\nSlowly, and *with care*."
    therapist.specialties = "Rebuilding trust\nConflict in couples"
    therapist.languages = "English, Spanish"
    therapist.photo = upload(photo((600, 600)))
    therapist.save()
    therapist.services.set([service])
    return therapist


def test_a_profile_shows_who_the_therapist_is_and_their_license(client, morgan):
    html = client.get("/therapists/morgan/").text

    assert find_all(html, "h1")[0].text == "Morgan, LMFT"
    assert find_all(html, "p", class_="profile__pronouns")[0].text == "she/her"
    assert find_all(html, "p", class_="profile__licence")[0].text == (
        "Licensed Marriage and Family Therapist, Oregon license T0142"
    )
    [photo_img] = [img for img in find_all(html, "img") if img.is_inside(class_="profile__photo")]
    assert photo_img.attrs["alt"] == "Morgan"
    facts = dict(
        zip(
            [term.text for term in find_all(html, "dt")],
            [definition.text for definition in find_all(html, "dd")],
            strict=True,
        )
    )
    specialties = [item.text for item in find_all(html, "li") if item.is_inside("dd")]
    assert specialties[:2] == ["Rebuilding trust", "Conflict in couples"]
    assert facts["Services"] == "Relationship therapy"
    assert facts["Languages"] == "English, Spanish"
    assert facts["Sessions"] == "In person and online"
    assert facts["New clients"] == "Welcome"
    assert find_all(html, "h2", id="section-how-i-work")
    assert find_all(html, "a", href="/book/morgan/")


def test_a_profile_lists_the_therapists_articles(client, morgan, make_post):
    make_post("Rebuilding trust")

    html = client.get("/therapists/morgan/").text

    titles = [a.text for a in find_all(html, "a") if a.is_inside(class_="post-card__title")]
    assert titles == ["Rebuilding trust"]


def test_a_therapist_not_taking_clients_offers_no_booking(client, morgan):
    Therapist.objects.filter(pk=morgan.pk).update(accepting_new_clients=False)

    html = client.get("/therapists/morgan/").text

    assert not find_all(html, "a", href="/book/morgan/")
    assert "not taking on new clients at the moment" in html


def test_a_profile_describes_the_therapist_to_search_engines(client, morgan):
    data = structured_data(client.get("/therapists/morgan/").text)

    assert data["@type"] == "Person"
    assert data["name"] == "Morgan"
    assert data["jobTitle"] == "Licensed Marriage and Family Therapist"
    assert data["hasCredential"]["name"] == (
        "Licensed Marriage and Family Therapist, Oregon license T0142"
    )
    assert data["knowsLanguage"] == ["English", "Spanish"]
    assert data["image"].startswith("http://testserver/media/therapists/")
    assert data["worksFor"]["name"] == Practice.get_solo().name


def test_the_therapists_page_lists_them_all(client, morgan, other_therapist):
    html = client.get("/therapists/").text

    names = [a.text for a in find_all(html, "a") if a.is_inside(class_="card__title")]
    assert names == ["Morgan, LMFT", "Riley"]


@pytest.fixture
def other_therapist(db):
    return Therapist.objects.create(
        name="Riley", slug="riley", notification_email="riley@example.com", position=5
    )


def test_connect_here_under_a_post_introduces_its_author(client, morgan, make_post, practice):
    Practice.objects.update(phone="(503) 555-0142", email="hello@calm.example")
    post = make_post()

    html = client.get(post.get_absolute_url()).text

    [box] = find_all(html, "aside", class_="connect")
    assert box.text.startswith("Connect here")
    assert "Morgan works with couples on trust and communication." in box.text
    links = {a.attrs["href"] for a in find_all(html, "a") if a.is_inside("aside", class_="connect")}
    assert links == {
        "/therapists/morgan/",
        "/book/morgan/",
        "tel:5035550142",
        "mailto:hello@calm.example",
    }
    [portrait] = [img for img in find_all(html, "img") if img.is_inside(class_="connect__photo")]
    assert portrait.attrs["alt"] == "Morgan"


def test_connect_here_leaves_out_a_phone_the_practice_has_not_given(client, therapist, make_post):
    html = client.get(make_post().get_absolute_url()).text

    links = {a.attrs["href"] for a in find_all(html, "a") if a.is_inside("aside", class_="connect")}
    assert not [link for link in links if link.startswith("tel:")]
