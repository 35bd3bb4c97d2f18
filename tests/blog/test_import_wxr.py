"""`manage.py import_wxr` brings posts over from a WordPress or Squarespace export."""

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, unquote

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from blog.importing import ImportFileError, images, import_wxr, posts
from blog.models import Category, OldAddress, Post, Tag
from practice.images import is_served_here
from practice.markdown import images_in
from tests.blog.wxr import attachment, export, post
from tests.image_files import photo

PHOTO = photo()


class ImageServer(BaseHTTPRequestHandler):
    """A photo at /photo…, a redirect to any address at /moved?to=…; each request's path
    and Host header are kept in server.requests."""

    def do_GET(self):
        self.server.requests.append((self.path, self.headers["Host"]))
        if self.path.startswith("/photo"):
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            self.wfile.write(PHOTO)
        elif self.path.startswith("/moved?to="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path.partition("=")[2]))
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


def start_image_server(host):
    server = ThreadingHTTPServer((host, 0), ImageServer)
    server.requests = []
    server.url = f"http://{host}:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def image_servers():
    """Two image servers, on two loopback addresses."""
    servers = [start_image_server("127.0.0.1"), start_image_server("127.0.0.2")]
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def image_server(image_servers):
    return image_servers[0].url


@pytest.fixture
def run(therapist, media_root, tmp_path):
    """Import an export through the command; its report, as printed."""

    def run(data, *options):
        path = tmp_path / "export.xml"
        path.write_bytes(data)
        output = io.StringIO()
        call_command("import_wxr", str(path), *options, stdout=output)
        return output.getvalue()

    return run


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def test_posts_and_drafts_come_over_with_their_categories_tags_and_dates(run):
    report = run(
        export(
            post(
                "Listening to understand",
                slug="listening",
                categories=[("Couples", "couples")],
                tags=[("Trust", "trust"), ("Talking", "talking-together")],
                excerpt="<p>Take turns.</p>",
            ),
            post("Unfinished thoughts", post_id=2, status="draft", date=""),
        )
    )

    published = Post.objects.get(slug="listening")
    assert published.is_published
    assert published.publish_at.isoformat() == "2019-05-12T10:00:00+00:00"
    assert published.author.slug == "morgan"
    assert published.category == Category.objects.get(slug="couples")
    assert set(published.tags.values_list("slug", flat=True)) == {"trust", "talking-together"}
    assert published.summary == "Take turns."
    assert Post.objects.get(slug="post-2").status == Post.Status.DRAFT
    assert "Created (2)" in report
    assert Tag.objects.count() == 2


def test_a_future_post_is_scheduled(run):
    run(export(post(status="future", date="2999-01-01 09:00:00")))

    assert Post.objects.scheduled().count() == 1


def test_the_body_keeps_its_shape_and_loses_scripts(run):
    body = (
        "<!-- wp:paragraph -->First line\nsecond line\n\n"
        "<h2>Café – ‘quotes’ 日本</h2>\n"
        "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>\n"
        '<blockquote><p>Listen <em>first</em>, <a href="https://example.org/">then</a>.</p>'
        "</blockquote><script>alert('x')</script>[gallery ids=\"1,2\"]"
        '<iframe src="https://www.youtube.com/embed/x"></iframe>'
    )
    report = run(export(post(body=body)))

    imported = Post.objects.get()
    assert imported.body.splitlines()[:2] == ["First line\\", "second line"]
    assert "## Café – ‘quotes’ 日本" in imported.body
    assert "- one\n  - nested\n- two" in imported.body
    assert "> Listen *first*, [then](https://example.org/)." in imported.body
    for gone in ("alert", "script", "wp:", "gallery", "iframe"):
        assert gone not in imported.body
    assert "<ul>\n<li>one\n<ul>\n<li>nested</li>" in imported.body_html
    # The editor hears of each thing left out.
    assert "A script in it was removed" in report
    assert "Its [gallery] was left out" in report
    assert "An embedded frame (a video or a map, say) was left out" in report


def test_summary_is_the_start_of_the_body_without_an_excerpt(run):
    run(export(post(body="<p>" + "word " * 300 + "</p>")))

    summary = Post.objects.get().summary
    assert summary.startswith("word word")
    assert len(summary) <= 500
    assert summary.endswith("…")


def test_captions_stay_under_their_images(run):
    body = (
        '<!-- wp:image {"id":12} --><figure class="wp-block-image size-large">'
        '<img src="https://old.example/lake.jpg" alt="A lake" class="wp-image-12"/>'
        '<figcaption class="wp-element-caption">Stillness is a skill.</figcaption></figure>'
        "<!-- /wp:image -->\n\n"
        '[caption id="attachment_34" align="aligncenter" width="300"]<a href="/walk/">'
        '<img class="size-medium wp-image-34" src="https://old.example/walk-300x200.jpg" '
        'alt="Two people walking" width="300" height="200" /></a> Side by side.[/caption]'
        "\n\nAfter the walk."
    )
    run(export(post(body=body)))

    imported = Post.objects.get()
    assert "![A lake](https://old.example/lake.jpg)\n\n_Stillness is a skill._" in imported.body
    assert "_Side by side._\n\nAfter the walk." in imported.body
    assert "<p><em>Side by side.</em></p>" in imported.body_html
    assert "caption" not in imported.body
    assert imported.summary == "After the walk."


def test_the_summary_is_made_of_the_bodys_paragraphs(run):
    body = (
        "<h2>Before you go</h2><p>Family gatherings can be hard.</p>"
        "<ul><li>Decide how long you will stay.</li></ul><p>There are ways through.</p>"
    )
    run(export(post(body=body)))

    assert Post.objects.get().summary == "Family gatherings can be hard. There are ways through."


def test_names_kept_html_escaped_by_wordpress_are_plain_text_here(run):
    run(
        export(
            post(
                "Couples &amp; families",
                slug="blog/2023/4/5/couples.html",
                categories=[("Beziehungen &amp; Nähe", "beziehungen")],
                tags=[("Q&amp;A", "q-a")],
            )
        )
    )

    imported = Post.objects.get()
    assert imported.title == "Couples & families"
    assert imported.slug == "couples"
    assert imported.category.name == "Beziehungen & Nähe"
    assert imported.tags.get().name == "Q&A"


def test_images_are_downloaded_stored_here_and_used_once(run, image_server, media_root):
    image = f"{image_server}/photo.jpg"
    body = f'<img src="{image}" alt="A calm lake"><img src="{image}" alt="Again">'
    report = run(
        export(
            post(body=body, meta=[("_thumbnail_id", 9)]),
            attachment(9, image, alt="A calm lake"),
        ),
        "--download-images",
        "--allow-private-hosts",
    )

    imported = Post.objects.get()
    sources = {src for src, _ in images_in(imported.body_html)}
    assert len(sources) == 1
    assert all(is_served_here(src) for src in sources)
    stem = imported.featured_image.name.removesuffix(".jpg")
    assert stem in next(iter(sources))
    assert imported.featured_image_width == 64
    assert imported.is_published
    originals = [path for path in stored_files(media_root) if path.stem.count("-") == 0]
    assert len(originals) == 1
    assert "Skipped (1)" in report
    assert "An attachment, not a post" in report


def test_an_image_that_cannot_be_downloaded_keeps_the_post_a_draft(run, image_server):
    missing = f"{image_server}/missing.jpg"
    report = run(
        export(post(body=f'<img src="{missing}" alt="A lake">')),
        "--download-images",
        "--allow-private-hosts",
    )

    imported = Post.objects.get()
    assert imported.status == Post.Status.DRAFT
    assert missing in imported.import_problems
    assert missing in report
    assert "Publish it once this is done: until then it is kept as a draft." in report
    # The image's own note says what to do: not the publish check's general advice too.
    assert "rather than linking them" not in report


def test_images_on_private_addresses_are_not_downloaded_unless_allowed(run, image_server):
    report = run(
        export(post(body=f'<img src="{image_server}/photo.jpg" alt="A lake">')),
        "--download-images",
    )

    assert Post.objects.get().status == Post.Status.DRAFT
    assert "private or local address" in report


def test_each_redirect_is_checked_as_the_first_address_was(run, image_servers, monkeypatch):
    first, second = image_servers
    # The first server's address counts as public; the second's, like any other, does not.
    monkeypatch.setattr(images, "is_public", lambda address: address == "127.0.0.1")
    to_first = f"{first.url}/moved?to={quote(first.url + '/photo.jpg')}"
    to_second = f"{first.url}/moved?to={quote(second.url + '/photo.jpg')}"
    body = f'<img src="{to_first}" alt="A lake"><img src="{to_second}" alt="A bench">'

    report = run(export(post(body=body)), "--download-images")

    imported = Post.objects.get()
    [(stored, _)] = [(src, alt) for src, alt in images_in(imported.body_html) if alt == "A lake"]
    assert is_served_here(stored)
    assert [path for path, _ in first.requests] == [
        "/moved?to=" + quote(first.url + "/photo.jpg"),
        "/photo.jpg",
        "/moved?to=" + quote(second.url + "/photo.jpg"),
    ]
    assert second.requests == []
    assert imported.status == Post.Status.DRAFT
    assert "private or local address (127.0.0.2)" in report


def test_the_download_goes_to_the_address_that_was_checked(run, image_servers, monkeypatch):
    """A host that resolves to a public address when checked, then to a private one (DNS
    rebinding), is still reached at the address that was checked."""
    server = image_servers[0]
    monkeypatch.setattr(images, "is_public", lambda address: address == "127.0.0.1")
    answers = iter(["127.0.0.1", "127.0.0.3"])
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "old.example":
            host = next(answers, "127.0.0.3")
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    source = f"http://old.example:{server.server_port}/photo.jpg"

    run(export(post(body=f'<img src="{source}" alt="A lake">')), "--download-images")

    assert Post.objects.get().is_published
    assert server.requests == [("/photo.jpg", f"old.example:{server.server_port}")]


def test_images_are_found_by_name_in_the_media_folder(run, tmp_path):
    uploads = tmp_path / "uploads" / "2019" / "05"
    uploads.mkdir(parents=True)
    (uploads / "lake.jpg").write_bytes(PHOTO)
    resized = "https://old.example/wp-content/uploads/2019/05/lake-1024x683.jpg"
    body = f'<img src="{resized}" alt="A lake">'

    run(export(post(body=body)), "--media-dir", str(tmp_path / "uploads"))

    imported = Post.objects.get()
    [(src, _)] = images_in(imported.body_html)
    assert is_served_here(src)
    assert imported.is_published


def test_squarespace_images_are_found_once_without_their_size_query(run, tmp_path, media_root):
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "photo.jpg").write_bytes(PHOTO)
    (tmp_path / "uploads" / "bench.jpg").write_bytes(PHOTO)
    image = "https://images.squarespace-cdn.com/content/v1/5a0d/1710-QX8/photo.jpg"
    body = (
        '<div class="sqs-block image-block sqs-block-image"><div class="sqs-block-content">'
        f'<figure class="sqs-block-image-figure intrinsic"><noscript><img src="{image}" '
        f'alt="A table set for dinner"></noscript><img class="thumb-image" data-src="{image}" '
        f'data-image="{image}" alt="A table set for dinner" src="{image}?format=1500w">'
        '<figcaption class="image-caption-wrapper"><div class="image-caption"><p>Old roles.</p>'
        "</div></figcaption></figure></div></div>"
        '<div class="sqs-block html-block"><div class="sqs-block-content"><p>Text.</p></div></div>'
    )
    featured = "https://static1.squarespace.com/static/5a0d/t/65ee/1710/bench.jpg?format=1500w"
    run(
        export(
            post(body=body, meta=[("_thumbnail_id", 5)]),
            attachment(5, featured, alt="A garden bench"),
        ),
        "--media-dir",
        str(tmp_path / "uploads"),
    )

    imported = Post.objects.get()
    [(src, alt)] = images_in(imported.body_html)
    assert is_served_here(src)
    assert alt == "A table set for dinner"
    assert imported.featured_image
    assert "_Old roles._" in imported.body
    assert imported.is_published
    originals = [path for path in stored_files(media_root) if path.stem.count("-") == 0]
    assert len(originals) == 2


def test_old_addresses_redirect_permanently_to_the_post(run, client):
    run(
        export(
            post(slug="trust", post_id=123, link="https://old.example/2019/05/12/trust/"),
            post(slug="listening", post_id=7, link="https://old.example/blog/2026/3/10/listening"),
            post(slug="calm", post_id=8, link="https://old.example/blog/calm"),
        )
    )

    for old, new in [
        ("/2019/05/12/trust/", "/blog/trust/"),
        ("/2019/05/12/trust", "/blog/trust/"),
        ("/?p=123", "/blog/trust/"),
        ("/blog/2026/3/10/listening", "/blog/listening/"),
        ("/blog/2026/3/10/listening/", "/blog/listening/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    # The post's own address needs no redirect.
    assert not OldAddress.objects.filter(path="/blog/calm/").exists()
    assert client.get("/blog/calm/").status_code == 200


def test_running_again_updates_without_duplicates(run):
    run(export(post("First title", slug="first"), post("Second", post_id=2)))
    report = run(export(post("A better title", slug="first"), post("Second", post_id=2)))

    assert Post.objects.count() == 2
    assert Post.objects.get(slug="first").title == "A better title"
    assert "Updated (1)" in report
    assert "Unchanged (1)" in report
    assert OldAddress.objects.filter(path="/?p=1/").count() == 0
    assert OldAddress.objects.filter(path="/?p=1").count() == 1


def test_a_post_with_the_same_slug_is_the_same_post(run, make_post):
    by_hand = make_post("Trust", slug="trust")

    run(export(post("Trust, imported", slug="trust")))

    by_hand.refresh_from_db()
    assert Post.objects.count() == 1
    assert by_hand.title == "Trust, imported"


def test_a_slug_taken_by_another_imported_post_gets_a_number(run):
    report = run(export(post("One", slug="trust"), post("Two", post_id=2, slug="trust")))

    assert set(Post.objects.values_list("slug", flat=True)) == {"trust", "trust-2"}
    assert "saved as “trust-2”" in report


def test_a_dry_run_writes_nothing(run, image_server, media_root):
    report = run(
        export(post(body=f'<img src="{image_server}/photo.jpg" alt="A lake">')),
        "--download-images",
        "--allow-private-hosts",
        "--dry-run",
    )

    assert "Dry run" in report
    assert "Created (1)" in report
    assert not Post.objects.exists()
    assert not OldAddress.objects.exists()
    assert stored_files(media_root) == []


def test_a_failure_midway_leaves_nothing(run, image_server, media_root, monkeypatch):
    save = posts.PostImporter.save
    calls = []

    def fail_on_second(self, item):
        calls.append(item)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return save(self, item)

    monkeypatch.setattr(posts.PostImporter, "save", fail_on_second)
    image = f'<img src="{image_server}/photo.jpg" alt="A lake">'

    with pytest.raises(RuntimeError):
        run(
            export(post(body=image), post(post_id=2)),
            "--download-images",
            "--allow-private-hosts",
        )

    assert not Post.objects.exists()
    assert not Category.objects.exists()
    assert stored_files(media_root) == []


def test_an_unmatched_author_needs_a_default(run, therapist):
    report = run(export(post(creator="someone-else")))
    assert "name a default author" in report
    assert not Post.objects.exists()

    run(export(post(creator="someone-else")), "--author", therapist.slug)
    assert Post.objects.get().author == therapist


def test_pages_and_items_without_title_or_date_are_skipped_with_a_reason(run):
    report = run(
        export(
            post(post_type="page", post_id=2),
            post(None, post_id=3),
            post("No date", post_id=4, date=""),
            post("Fine", post_id=5),
        )
    )

    assert Post.objects.get().title == "Fine"
    assert "A page, not a post" in report
    assert "It has no title: give it one" in report
    assert "gives no date" in report
    assert "Skipped (3)" in report


BAD_FILES = {
    "malformed": (b"<rss><channel>", "not well-formed XML"),
    "billion laughs": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<rss><channel><title>&lol2;</title></channel></rss>",
        "declares XML entities",
    ),
    "external entity": (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&xxe;</title></channel></rss>",
        "declares XML entities",
    ),
    "not wxr": (b"<rss><channel><title>News</title></channel></rss>", "not a WordPress"),
}


@pytest.mark.parametrize(("data", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_an_unusable_file_is_refused_with_a_reason(run, data, message):
    with pytest.raises(CommandError, match=message):
        run(data)

    with pytest.raises(ImportFileError, match=message):
        import_wxr(data)
    assert not Post.objects.exists()
    assert not default_storage.exists("posts")


def test_editors_see_what_the_import_left_to_do(run, admin_client):
    run(export(post(body='<img src="https://old.example/lake.jpg" alt="A lake">')))

    imported = Post.objects.get()
    html = admin_client.get(f"/admin/blog/post/{imported.pk}/change/").content.decode()
    assert "left to do after the import" in html.lower()
    assert "https://old.example/lake.jpg" in html
