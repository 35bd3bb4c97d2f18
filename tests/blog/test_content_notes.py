"""A content note comes before the article it warns of, with the crisis line beside it."""

import xml.etree.ElementTree as ET

from tests.parsing import find_all, parse_html

NOTE = "This article discusses childhood abuse."


def test_the_note_and_the_crisis_line_come_before_the_article(client, make_post, practice):
    post = make_post(content_note=NOTE, body="The first paragraph.")

    elements = parse_html(client.get(post.get_absolute_url()).content.decode())

    [note] = [e for e in elements if e.tag == "aside" and e.has(class_="content-note")]
    assert NOTE in note.text
    assert practice.crisis_wording in note.text
    [body] = [e for e in elements if e.tag == "div" and e.has(class_="prose")]
    assert elements.index(note) < elements.index(body)


def test_an_article_without_a_note_has_none(client, make_post):
    html = client.get(make_post().get_absolute_url()).content.decode()

    assert not find_all(html, "aside", class_="content-note")


def test_feed_readers_see_the_note_before_the_summary(client, make_post):
    make_post(content_note=NOTE, summary="How harm in childhood shapes adult trust.")

    feed = ET.fromstring(client.get("/blog/feed/").content)

    assert feed.find("channel/item/description").text == (
        f"Content note: {NOTE}\n\nHow harm in childhood shapes adult trust."
    )
