from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from practice.admin import MarkdownEditorAdmin, RevisionsAdmin, list_datetime
from practice.middleware import accepts_large_body
from practice.models import Therapist

from . import imports
from .forms import ImportUploadForm, PostAdminForm
from .import_reports import report_page
from .importing import ImportReport
from .models import BlogImport, Category, Post, ReviewLink, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sensitive"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class PublicationFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Post.Status.DRAFT)
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
        return queryset


class ClinicalReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.review_overdue()
            case "never":
                return queryset.filter(reviewed_by=None)
        return queryset


class ReviewLinkInline(admin.StackedInline):
    """Links that let someone without an account read the draft: add one, copy it, send it."""

    model = ReviewLink
    fields = ["reviewer", "expires_at", "revoked", "link"]
    readonly_fields = ["link"]
    extra = 0
    verbose_name = "review link"
    verbose_name_plural = "review links (for someone without an account to read this draft)"

    @admin.display(description="link")
    def link(self, review_link):
        if review_link.pk is None:
            return "Save to make the link."
        if not review_link.is_active:
            return "Revoked" if review_link.revoked else "Expired"
        url = review_link.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)


class EditorIsTheAuthorByDefault:
    """An add form whose author is, unless the address says otherwise, the therapist the
    editor is (a post's author, an import's default author)."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "author" not in initial and (author := Therapist.objects.author_for(request.user)):
            initial["author"] = author.pk
        return initial


@admin.register(Post)
class PostAdmin(EditorIsTheAuthorByDefault, RevisionsAdmin, MarkdownEditorAdmin):
    list_display = ["title", "status_label", "publish_time", "category", "updated"]
    list_filter = [PublicationFilter, ClinicalReviewFilter, "category", "tags", "author"]
    search_fields = ["title", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    form = PostAdminForm
    inlines = [ReviewLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "content_note", "body"]}),
        (
            "Publishing",
            {"fields": ["status", "publish_at", "author", "category", "tags", "new_tags"]},
        ),
        ("Featured image", {"fields": ["featured_image", "featured_image_alt"]}),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "next_review_due"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
    ]

    class Media:
        js = ["admin/publish-button.js"]

    @admin.display(description="status", ordering="status")
    def status_label(self, post):
        return post.publication

    @admin.display(ordering="publish_at")
    def publish_time(self, post):
        return list_datetime(post.publish_at)

    @admin.display(ordering="updated_at")
    def updated(self, post):
        return list_datetime(post.updated_at)

    def view_on_site(self, post):
        """Only a published post has a public page to view; the others have a Preview link."""
        return post.get_absolute_url() if post.is_published else None

    def get_fieldsets(self, request, obj=None):
        """Above the rest, while an import has left something to do on the post."""
        if obj is not None and obj.import_problems:
            return [("Imported", {"fields": ["import_problems"]}), *self.fieldsets]
        return self.fieldsets

    def response_add(self, request, obj, post_url_continue=None):
        request.saved_post = obj
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.saved_post = obj
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save, say what it did for readers (published, scheduled or kept as a
        draft) rather than Django's "was changed successfully"."""
        if level == messages.SUCCESS and (post := getattr(request, "saved_post", None)):
            message = self.publication_message(request, post)
        super().message_user(request, message, level, *args, **kwargs)

    def publication_message(self, request, post):
        title = post.title
        if self.has_change_permission(request, post):
            url = reverse("admin:blog_post_change", args=[post.pk])
            title = format_html('<a href="{}">{}</a>', url, post.title)
        if post.status == Post.Status.DRAFT:
            return format_html("“{}” is saved as a draft.", title)
        if post.is_published:
            return format_html("“{}” is published.", title)
        local = timezone.localtime(post.publish_at)
        when = f"{time_format(local, 'g:i a')} on {date_format(local, 'M j, Y')}"
        return format_html("“{}” is scheduled to be published at {}.", title, when)

    def save_formset(self, request, form, formset, change):
        for review_link in formset.save(commit=False):
            if review_link.pk is None:
                review_link.created_by = request.user
            review_link.save()
        for removed in formset.deleted_objects:
            removed.delete()


# What an editor who queued a check or a run is told, by the import's status once the
# request is done.
QUEUED_MESSAGES = {
    BlogImport.Status.CHECKING: (
        "The file is being checked: this page shows what the import would do once it is done.",
        messages.SUCCESS,
    ),
    BlogImport.Status.CHECKED: (
        "The file is checked and nothing is imported yet: read what the import would do, "
        "then run it.",
        messages.SUCCESS,
    ),
    BlogImport.Status.CHECK_FAILED: (
        "The check failed: what went wrong is below.",
        messages.ERROR,
    ),
    BlogImport.Status.QUEUED: (
        "The import is waiting to run: this page shows its report once it is done.",
        messages.SUCCESS,
    ),
    BlogImport.Status.RUNNING: (
        "The import is running: this page shows its report once it is done.",
        messages.SUCCESS,
    ),
    BlogImport.Status.DONE: ("The import is done: its report is below.", messages.SUCCESS),
    BlogImport.Status.FAILED: ("The import failed: what went wrong is below.", messages.ERROR),
}


@admin.register(BlogImport)
class BlogImportAdmin(EditorIsTheAuthorByDefault, admin.ModelAdmin):
    """Import posts from another blog: upload its export (the add form), which is checked
    by a dry run in the background; read what the import would do on the import's page,
    then run it. Only for those with the import permission; an import is never changed,
    only checked and run."""

    form = ImportUploadForm
    add_form_template = "admin/blog/blogimport/upload.html"
    list_display = ["file_name", "status", "uploaded_by", "uploaded", "posts", "finished"]
    list_filter = ["status"]
    list_select_related = ["uploaded_by"]
    # One at a time, from its page, which refuses while it waits or runs.
    actions = None

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("blog.run_import")

    def has_add_permission(self, request):
        return request.user.has_perm("blog.run_import")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        """Deleting a checked import cancels it; one being checked, waiting or running stays."""
        may_import = request.user.has_perm("blog.run_import")
        return may_import and not (obj is not None and obj.is_pending)

    @admin.display(ordering="uploaded_at")
    def uploaded(self, blog_import):
        return list_datetime(blog_import.uploaded_at)

    @admin.display(ordering="finished_at")
    def finished(self, blog_import):
        return list_datetime(blog_import.finished_at)

    @admin.display(description="posts")
    def posts(self, blog_import):
        if blog_import.status != BlogImport.Status.DONE:
            return None
        return ImportReport.from_data(blog_import.entries).counts()

    def get_urls(self):
        # The upload may be larger than other staff forms. Listed first, so that it answers
        # instead of Django's own add view.
        upload = accepts_large_body(imports.MAX_FILE_BYTES + 1024 * 1024, "blog.run_import")(
            self.admin_site.admin_view(self.add_view)
        )
        check = self.admin_site.admin_view(require_POST(self.check_view))
        run = self.admin_site.admin_view(require_POST(self.run_view))
        return [
            path("add/", upload, name="blog_blogimport_add"),
            path("<path:object_id>/check/", check, name="blog_blogimport_check"),
            path("<path:object_id>/run/", run, name="blog_blogimport_run"),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["title"] = "Import posts from another blog"
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        imports.queue_check(obj)

    def response_add(self, request, obj, post_url_continue=None):
        # The check is queued when the upload's transaction commits, after this message;
        # without a worker (TASKS_BACKEND=immediate) it has run by the time the page shows.
        message = (
            "The file is uploaded and checked in the background; nothing is imported until "
            "you run it."
        )
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:blog_blogimport_change", obj.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The import's page, read-only: its status, who uploaded it and when, the dry run's
        report and, once it has run, the import's; and the button to run it."""
        blog_import = self.import_or_404(request, object_id)
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": blog_import,
            "title": f"Import of {blog_import}",
            "subtitle": None,
            "has_delete_permission": self.has_delete_permission(request, blog_import),
            "dry_run_report": report_page(
                blog_import.dry_run_entries, checked=True, user=request.user
            ),
            "report": report_page(blog_import.entries, checked=False, user=request.user),
        }
        return TemplateResponse(request, "admin/blog/blogimport/import.html", context)

    def check_view(self, request, object_id):
        """Check a file again whose check was left stuck; its page shows how it goes."""
        refused = "This file is being checked already, or its check is over."
        return self.queue_view(request, object_id, imports.queue_check, refused)

    def run_view(self, request, object_id):
        """Queue the import to run in the background; its page shows how it goes."""
        refused = (
            "This import cannot run: its file is not checked, or it is already waiting, "
            "running or done."
        )
        return self.queue_view(request, object_id, imports.queue, refused)

    def queue_view(self, request, object_id, queue, refused):
        blog_import = self.import_or_404(request, object_id)
        if queue(blog_import):
            # Without a worker (TASKS_BACKEND=immediate) the task has run already.
            blog_import.refresh_from_db(fields=["status"])
            self.message_user(request, *QUEUED_MESSAGES[blog_import.status])
        else:
            self.message_user(request, refused, messages.WARNING)
        return redirect("admin:blog_blogimport_change", blog_import.pk)

    def import_or_404(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        blog_import = self.get_object(request, unquote(object_id))
        if blog_import is None:
            raise Http404("No such import.")
        return blog_import
