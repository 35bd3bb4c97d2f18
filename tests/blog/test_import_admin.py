"""Editors bring another blog's posts over in admin: they upload its export, read what the
import would do, and run it; the check and the import run as tasks and their reports stay in
admin."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from blog import imports
from blog.importing import ImportFileError
from blog.models import BlogImport, Post
from tests.blog.wxr import export, post
from tests.parsing import find_all, parse_html

UPLOAD = reverse("admin:blog_blogimport_add")
CHANGELIST = reverse("admin:blog_blogimport_changelist")


def wxr(*titles):
    """A WordPress export of one published post by Morgan per title."""
    return export(*(post(title, post_id=number) for number, title in enumerate(titles, 1)))


def export_file(data, name="old-blog.wordpress.xml"):
    return SimpleUploadedFile(name, data, content_type="text/xml")


@pytest.fixture
def failing_run(monkeypatch):
    """Make the importer's real (not dry) runs raise `error`, until monkeypatch.undo()."""

    def fail_with(error):
        def import_wxr(data, **options):
            if not options.get("dry_run"):
                raise error
            return real_import_wxr(data, **options)

        monkeypatch.setattr(imports, "import_wxr", import_wxr)

    real_import_wxr = imports.import_wxr
    return fail_with


@pytest.fixture
def editor(log_in):
    return log_in("Editors")


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload an export; its check runs once the upload's transaction commits, as it does
    without a worker (tests/settings.py)."""

    def upload(data, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(UPLOAD, {"export_file": export_file(data), **fields})

    return upload


def upload_unchecked(client, data, django_capture_on_commit_callbacks):
    """Upload an export; return the redirect to its page, and its check, queued, not run."""
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(UPLOAD, {"export_file": export_file(data)})
    [check] = callbacks
    return response, check


def run(client, blog_import, django_capture_on_commit_callbacks):
    """Press "Run the import"; the task runs once the request's transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("admin:blog_blogimport_run", args=[blog_import.pk]))


def import_page(client, blog_import):
    return client.get(reverse("admin:blog_blogimport_change", args=[blog_import.pk]))


def text_of(response, element_id):
    [element] = find_all(response.text, "dd", id=element_id) or find_all(
        response.text, "p", id=element_id
    )
    return element.text


def report_of(response, section_id):
    """A report on an import's page, as an editor reads it: its line of counts, and each
    outcome's heading with its posts as (title, address linked to or None, notes)."""
    elements = [e for e in parse_html(response.text) if e.is_inside("section", id=section_id)]

    def within(parent, tag):
        return [e for e in elements if e.tag == tag and any(a is parent for a in e.ancestors)]

    [summary] = [e.text for e in elements if e.has(class_="import-report__summary")] or [
        e.text for e in elements if e.tag == "summary"
    ]
    sections = {}
    for element in elements:
        if element.tag == "h3":
            entries = sections[element.text] = []
        elif element.has(class_="import-report__entry"):
            [title] = within(element, "p")
            links = [link.attrs["href"] for link in within(title, "a")]
            notes = [note.text for note in within(element, "li")]
            entries.append((title.text, links[0] if links else None, notes))
    return summary, sections


def post_page(title):
    return reverse("admin:blog_post_change", args=[Post.objects.get(title=title).pk])


def test_only_those_with_the_import_permission_see_the_import_screens(
    client, upload, log_in, therapist
):
    log_in("Editors")
    upload(wxr("Grief at work"))
    blog_import = BlogImport.objects.get()
    screens = [
        UPLOAD,
        CHANGELIST,
        reverse("admin:blog_blogimport_change", args=[blog_import.pk]),
        reverse("admin:blog_blogimport_delete", args=[blog_import.pk]),
    ]
    assert all(client.get(url).status_code == 200 for url in screens)

    Group.objects.get(name="Editors").permissions.remove(
        Permission.objects.get(codename="run_import")
    )

    for url in screens:
        assert client.get(url).status_code == 403, url
    run_url = reverse("admin:blog_blogimport_run", args=[blog_import.pk])
    assert client.post(run_url).status_code == 403
    assert client.post(UPLOAD, {"export_file": export_file(wxr("Again"))}).status_code == 403
    models = client.get(reverse("admin:app_list", args=["blog"])).context["app_list"][0]["models"]
    assert "BlogImport" not in {model["object_name"] for model in models}
    assert BlogImport.objects.get().status == BlogImport.Status.CHECKED


def test_intake_staff_cannot_import(client, log_in):
    log_in("Intake")

    assert client.get(UPLOAD).status_code == 403


def test_the_upload_shows_what_the_import_would_do_and_writes_no_post(
    client, upload, editor, therapist
):
    response = upload(wxr("Grief at work", "Sleep and worry"), author=therapist.pk)

    blog_import = BlogImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:blog_blogimport_change", args=[blog_import.pk])
    assert not Post.objects.exists()
    assert blog_import.status == BlogImport.Status.CHECKED
    assert (blog_import.uploaded_by, blog_import.author) == (editor, therapist)
    assert blog_import.file_name == "old-blog.wordpress.xml"
    page = client.get(response.url)
    assert report_of(page, "dry-run-report") == (
        "2 posts to create, 0 to update, 0 unchanged, 0 to skip.",
        {"To create (2)": [("Grief at work", None, []), ("Sleep and worry", None, [])]},
    )
    assert not find_all(page.text, "pre")
    assert text_of(page, "import-status") == "Checked, not imported"
    [run_button] = find_all(page.text, "input", type="submit", value="Run the import")
    assert run_button.is_inside("form", method="post", id="run-import")
    [cancel] = find_all(page.text, "a", class_="deletelink")
    assert cancel.text == "Cancel"


def test_the_upload_is_checked_in_the_background_and_its_page_says_so_meanwhile(
    client, editor, therapist, django_capture_on_commit_callbacks
):
    response, check = upload_unchecked(
        client, wxr("Grief at work"), django_capture_on_commit_callbacks
    )

    blog_import = BlogImport.objects.get()
    assert response.url == reverse("admin:blog_blogimport_change", args=[blog_import.pk])
    assert blog_import.status == BlogImport.Status.CHECKING
    page = client.get(response.url, follow=True)
    [told] = [str(message) for message in page.context["messages"]]
    assert told.startswith("The file is uploaded and checked in the background")
    assert text_of(page, "import-status") == "Being checked"
    assert find_all(page.text, "meta", **{"http-equiv": "refresh"})
    assert not find_all(page.text, "section", id="dry-run-report")
    # Nothing to run yet, and nothing to delete from under the worker.
    assert not find_all(page.text, "form", id="run-import")
    assert "Being checked" in [cell.text for cell in find_all(client.get(CHANGELIST).text, "td")]

    check()

    page = client.get(response.url)
    assert text_of(page, "import-status") == "Checked, not imported"
    assert not find_all(page.text, "meta", **{"http-equiv": "refresh"})
    assert report_of(page, "dry-run-report") == (
        "1 post to create, 0 to update, 0 unchanged, 0 to skip.",
        {"To create (1)": [("Grief at work", None, [])]},
    )
    assert find_all(page.text, "input", type="submit", value="Run the import")


def test_an_import_cannot_run_while_it_is_being_checked(
    client, editor, therapist, django_capture_on_commit_callbacks
):
    upload_unchecked(client, wxr("Grief at work"), django_capture_on_commit_callbacks)
    blog_import = BlogImport.objects.get()

    response = run(client, blog_import, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    told = [str(message) for message in client.get(response.url).context["messages"]][-1]
    assert told.startswith("This import cannot run: its file is not checked")
    assert BlogImport.objects.get().status == BlogImport.Status.CHECKING
    assert not Post.objects.exists()


def test_the_upload_form_names_the_editors_own_profile_as_default_author(client, editor, therapist):
    therapist.user = editor
    therapist.save()

    response = client.get(UPLOAD)

    assert response.context["adminform"].form.initial["author"] == therapist.pk


def test_running_the_import_writes_the_posts_and_keeps_its_report(
    client, upload, editor, therapist, django_capture_on_commit_callbacks
):
    upload(wxr("Grief at work", "Sleep and worry"))
    blog_import = BlogImport.objects.get()

    response = run(client, blog_import, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == reverse("admin:blog_blogimport_change", args=[blog_import.pk])
    assert set(Post.objects.values_list("title", "author")) == {
        ("Grief at work", therapist.pk),
        ("Sleep and worry", therapist.pk),
    }
    blog_import = BlogImport.objects.defer(None).get()
    assert blog_import.status == BlogImport.Status.DONE
    assert blog_import.finished_at is not None
    # Imported, the export's drafts and private posts are kept nowhere.
    assert bytes(blog_import.upload) == b""
    page = client.get(response.url)
    assert text_of(page, "import-status") == "Imported"
    assert report_of(page, "import-report") == (
        "2 posts created, 0 updated, 0 unchanged, 0 skipped.",
        {
            "Created (2)": [
                ("Grief at work", post_page("Grief at work"), []),
                ("Sleep and worry", post_page("Sleep and worry"), []),
            ]
        },
    )
    # What the check said stays, folded away under its counts.
    [check] = find_all(page.text, "details")
    assert check.is_inside("section", id="dry-run-report")
    assert report_of(page, "dry-run-report")[0].startswith("2 posts to create")
    assert not find_all(page.text, "pre")
    assert not find_all(page.text, "input", type="submit")
    cells = [cell.text for cell in find_all(client.get(CHANGELIST).text, "td")]
    assert "2 created, 0 updated, 0 unchanged, 0 skipped" in cells


def test_the_import_runs_with_the_options_chosen_and_the_check_downloads_nothing(
    client, upload, editor, therapist, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def import_wxr(data, **options):
        calls.append(options)
        return real_import_wxr(data, **{**options, "download_images": False})

    real_import_wxr = imports.import_wxr
    monkeypatch.setattr(imports, "import_wxr", import_wxr)
    upload(wxr("Grief at work"), author=therapist.pk, download_images="on")

    run(client, BlogImport.objects.get(), django_capture_on_commit_callbacks)

    assert calls == [
        {"author": "morgan", "download_images": True, "dry_run": True, "defer_downloads": True},
        {"author": "morgan", "download_images": True},
    ]


@pytest.mark.parametrize(
    ("download_images", "says"),
    [
        ("on", "The image lake.jpg will be downloaded during the import."),
        (
            "",
            "Drag a copy of the image lake.jpg into the editor, in place of its link: it is on "
            "the old site, and downloading images from it was not asked for.",
        ),
    ],
)
def test_the_check_lists_each_outcome_with_its_notes(
    client, upload, editor, therapist, download_images, says
):
    image = "https://old.example/wp-content/uploads/2024/03/lake.jpg"
    data = export(
        post("Grief at work", body=f'<p>Rest.</p><img src="{image}" alt="A lake">'),
        post("Rest", post_id=2, creator="someone-else"),
        post("About me", post_id=3, post_type="page"),
    )
    upload(data, download_images=download_images)

    page = import_page(client, BlogImport.objects.get())
    summary, sections = report_of(page, "dry-run-report")
    assert summary == "1 post to create, 0 to update, 0 unchanged, 2 to skip."
    [(title, link, notes)] = sections["To create (1)"]
    assert (title, link) == ("Grief at work", None)
    assert notes[0] == says
    kept_a_draft = "Publish it once this is done: until then it is kept as a draft."
    assert (kept_a_draft in notes) is not bool(download_images)
    # The address is shortened to its file name, and kept whole in the link.
    [address] = find_all(page.text, "a", href=image)
    assert address.text == "lake.jpg"
    [rest, about] = sections["To skip (2)"]
    assert rest[0] == "Rest"
    assert "name a default author for such posts" in rest[2][0]
    assert about == (
        "About me",
        None,
        ["A page, not a post: if the site needs it, make it a page in admin (Pages)."],
    )
    # Editors are not told of command-line flags.
    assert "--" not in str(sections)


def test_an_import_runs_once_however_often_it_is_confirmed(
    client, upload, editor, therapist, django_capture_on_commit_callbacks
):
    upload(wxr("Grief at work"))
    blog_import = BlogImport.objects.get()
    run(client, blog_import, django_capture_on_commit_callbacks)
    Post.objects.all().delete()

    response = run(client, blog_import, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert not Post.objects.exists()
    assert BlogImport.objects.get().status == BlogImport.Status.DONE
    # The report names the post deleted since, and links to it no more.
    _, sections = report_of(import_page(client, blog_import), "import-report")
    assert sections == {"Created (1)": [("Grief at work", None, [])]}


def test_an_import_left_running_by_a_stopped_worker_may_run_again_after_a_while(
    client, upload, editor, therapist, django_capture_on_commit_callbacks
):
    upload(wxr("Grief at work"))
    blog_import = BlogImport.objects.get()
    started = timezone.now()
    # What a worker that crashed mid-run leaves behind.
    BlogImport.objects.update(status=BlogImport.Status.RUNNING, started_at=started)

    with time_machine.travel(started + timedelta(minutes=29)):
        page = import_page(client, blog_import)
        assert not find_all(page.text, "input", type="submit")
        assert not find_all(page.text, "p", id="import-stuck")
        run(client, blog_import, django_capture_on_commit_callbacks)
        assert BlogImport.objects.get().status == BlogImport.Status.RUNNING

    with time_machine.travel(started + timedelta(minutes=31)):
        page = import_page(client, blog_import)
        [note] = find_all(page.text, "p", id="import-stuck")
        assert "over 30 minutes ago" in note.text
        [button] = find_all(page.text, "input", type="submit")
        assert button.attrs["value"] == "Run the import again"
        run(client, blog_import, django_capture_on_commit_callbacks)

    assert BlogImport.objects.get().status == BlogImport.Status.DONE
    assert Post.objects.get().title == "Grief at work"


def test_a_worker_that_finds_the_import_taken_leaves_it(client, upload, editor, therapist):
    upload(wxr("Grief at work"))
    blog_import = BlogImport.objects.get()
    BlogImport.objects.update(status=BlogImport.Status.RUNNING)

    imports.run_import.call(blog_import.pk)

    assert not Post.objects.exists()
    assert BlogImport.objects.get().status == BlogImport.Status.RUNNING


def test_a_worker_that_finds_the_check_taken_leaves_it(
    client, editor, therapist, monkeypatch, django_capture_on_commit_callbacks
):
    upload_unchecked(client, wxr("Grief at work"), django_capture_on_commit_callbacks)
    blog_import = BlogImport.objects.get()
    taken = timezone.now()
    # What the first worker leaves once it has taken the check.
    BlogImport.objects.update(started_at=taken)
    monkeypatch.setattr(imports, "import_wxr", None)

    imports.check_import.call(blog_import.pk)

    left = BlogImport.objects.get()
    assert (left.status, left.started_at) == (BlogImport.Status.CHECKING, taken)


def test_a_check_left_by_a_stopped_worker_may_run_again_after_a_while(
    client, editor, therapist, django_capture_on_commit_callbacks
):
    upload_unchecked(client, wxr("Grief at work"), django_capture_on_commit_callbacks)
    blog_import = BlogImport.objects.get()
    started = timezone.now()
    check_again = reverse("admin:blog_blogimport_check", args=[blog_import.pk])
    # What a worker that crashed mid-check leaves behind.
    BlogImport.objects.update(started_at=started)

    with time_machine.travel(started + timedelta(minutes=29)):
        page = import_page(client, blog_import)
        assert not find_all(page.text, "input", type="submit")
        assert not find_all(page.text, "p", id="import-stuck")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(check_again)
        assert BlogImport.objects.get().started_at == started

    with time_machine.travel(started + timedelta(minutes=31)):
        page = import_page(client, blog_import)
        [note] = find_all(page.text, "p", id="import-stuck")
        assert note.text.startswith("The check started over 30 minutes ago")
        [button] = find_all(page.text, "input", type="submit")
        assert button.attrs["value"] == "Check the file again"
        assert button.is_inside("form", action=check_again)
        assert find_all(page.text, "a", class_="deletelink")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(check_again)

    assert BlogImport.objects.get().status == BlogImport.Status.CHECKED
    page = client.get(response.url)
    # Told as the check was queued: the test's transaction ran it after the request.
    [told] = [str(message) for message in page.context["messages"]]
    assert told.startswith("The file is being checked")
    assert report_of(page, "dry-run-report")[0].startswith("1 post to create")
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"%PDF-1.7\n", "This is not an XML file"),
        (b"PK\x03\x04" + bytes(40), "This is a zip file"),
        (b"<rss><channel><title>News</title></channel></rss>", "The file is not a WordPress"),
        (wxr("Grief at work")[:-20], "The file is not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><title>&xxe;</title></channel></rss>",
            "The file declares XML entities",
        ),
    ],
    ids=["not XML", "zipped", "not an export", "cut short", "declares entities"],
)
def test_a_file_the_import_cannot_use_is_refused_in_the_form(client, upload, editor, data, error):
    response = upload(data)

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["export_file"]
    assert message.startswith(error)
    assert not BlogImport.objects.exists()


def test_a_file_larger_than_an_export_can_be_is_refused_in_the_form(
    client, upload, editor, therapist, monkeypatch
):
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 1000)

    response = upload(wxr("Grief at work") + b" " * 1000)

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["export_file"]
    assert "an export can be at most 1000\xa0bytes" in message
    assert not BlogImport.objects.exists()


def test_a_file_that_trips_the_reader_up_is_refused_not_a_server_error(
    client, upload, editor, monkeypatch
):
    def crash(data):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(imports, "validate_wxr", crash)

    response = upload(wxr("Grief at work"))

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["export_file"]
    assert message == "The file could not be read (RecursionError); the error is logged."
    assert not BlogImport.objects.exists()


def test_a_check_that_breaks_is_marked_failed_with_the_error_and_cannot_run(
    client, upload, editor, therapist, monkeypatch, django_capture_on_commit_callbacks
):
    def crash(data, **options):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(imports, "import_wxr", crash)

    response = upload(wxr("Grief at work"))

    assert response.status_code == 302
    failed = BlogImport.objects.defer(None).get()
    assert failed.status == BlogImport.Status.CHECK_FAILED
    told = "The check failed: RecursionError: maximum recursion depth exceeded"
    assert failed.failure == f"{told} (the full error is logged)"
    assert bytes(failed.upload) == wxr("Grief at work")
    page = client.get(response.url)
    assert page.status_code == 200
    assert text_of(page, "import-status") == "Check failed"
    assert text_of(page, "import-failure") == failed.failure
    assert not find_all(page.text, "section", id="dry-run-report")
    assert not find_all(page.text, "input", type="submit")
    [delete] = find_all(page.text, "a", class_="deletelink")
    assert delete.text == "Delete"
    assert "Check failed" in [cell.text for cell in find_all(client.get(CHANGELIST).text, "td")]

    monkeypatch.undo()
    run(client, failed, django_capture_on_commit_callbacks)

    assert BlogImport.objects.get().status == BlogImport.Status.CHECK_FAILED
    assert not Post.objects.exists()


def test_an_export_larger_than_other_staff_uploads_is_accepted_here_only(
    client, upload, editor, therapist, settings
):
    large = wxr("Grief at work") + b" " * (settings.STAFF_REQUEST_MAX_BYTES + 1)

    assert upload(large).status_code == 302
    post_form = {"body": "x" * (settings.STAFF_REQUEST_MAX_BYTES + 1)}
    assert client.post(reverse("admin:blog_post_add"), post_form).status_code == 413

    Group.objects.get(name="Editors").permissions.remove(
        Permission.objects.get(codename="run_import")
    )
    assert upload(large).status_code == 413


def test_the_uploaded_export_is_kept_out_of_public_files(
    client, upload, editor, therapist, media_root, settings
):
    draft = export(post("A draft nobody may read yet", status="draft"))

    upload(draft)

    assert bytes(BlogImport.objects.defer(None).get().upload) == draft
    stored = [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]
    assert stored == []
    client.logout()
    response = import_page(client, BlogImport.objects.get())
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_failed_import_keeps_its_file_and_reports_and_runs_again(
    client, upload, editor, therapist, failing_run, monkeypatch, django_capture_on_commit_callbacks
):
    upload(wxr("Grief at work"))
    blog_import = BlogImport.objects.get()
    failing_run(ImportFileError("The old site did not answer."))

    run(client, blog_import, django_capture_on_commit_callbacks)

    failed = BlogImport.objects.defer(None).get()
    assert failed.status == BlogImport.Status.FAILED
    assert failed.failure == "The import failed: The old site did not answer."
    assert [entry["title"] for entry in failed.dry_run_entries] == ["Grief at work"]
    assert bytes(failed.upload) == wxr("Grief at work")
    page = import_page(client, failed)
    assert text_of(page, "import-status") == "Failed"
    [failure] = find_all(page.text, "p", id="import-failure")
    assert failure.text == "The import failed: The old site did not answer."
    assert report_of(page, "dry-run-report")[1] == {"To create (1)": [("Grief at work", None, [])]}
    assert find_all(page.text, "input", type="submit", value="Run the import again")

    monkeypatch.undo()
    run(client, blog_import, django_capture_on_commit_callbacks)

    assert BlogImport.objects.get().status == BlogImport.Status.DONE
    assert Post.objects.filter(title="Grief at work").exists()


def test_an_import_that_breaks_is_marked_failed_with_the_error(
    client, upload, editor, therapist, failing_run, django_capture_on_commit_callbacks
):
    upload(wxr("Grief at work"))
    failing_run(KeyError("wp:post_id"))

    run(client, BlogImport.objects.get(), django_capture_on_commit_callbacks)

    failed = BlogImport.objects.get()
    assert failed.status == BlogImport.Status.FAILED
    assert failed.failure == "The import failed: KeyError: 'wp:post_id' (the full error is logged)"
    assert not Post.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("fail", "told"),
    [
        (False, "The import is done: its report is below."),
        (True, "The import failed: what went wrong is below."),
    ],
)
def test_without_a_worker_the_editor_is_told_how_the_import_ended(
    client, upload, editor, therapist, failing_run, fail, told
):
    """With TASKS_BACKEND=immediate (as in the tests) the import runs as the request ends."""
    upload(wxr("Grief at work"))
    if fail:
        failing_run(RuntimeError("the disk is full"))

    response = client.post(
        reverse("admin:blog_blogimport_run", args=[BlogImport.objects.get().pk]), follow=True
    )

    assert [str(message) for message in response.context["messages"]][-1] == told
