from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST
from markdownx.admin import MarkdownxModelAdmin

from . import images
from .forms import EditorImageForm, MarkdownPreviewForm
from .models import Category, Post, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
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


@admin.register(Post)
class PostAdmin(MarkdownxModelAdmin):
    list_display = ["title", "status_label", "publish_at", "category", "author", "updated_at"]
    list_filter = [PublicationFilter, "category", "tags", "author"]
    search_fields = ["title", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags"]

    class Media:
        js = ["blog/admin/editor-upload-errors.js"]

    @admin.display(description="status", ordering="status")
    def status_label(self, post):
        return post.publication

    def view_on_site(self, post):
        """Only a published post has a public page to view; the others have a Preview link."""
        return post.get_absolute_url() if post.is_published else None

    def get_urls(self):
        """The Markdown editor's preview and upload endpoints, for staff who may change posts.

        settings.MARKDOWNX_URLS_PATH and MARKDOWNX_UPLOAD_URLS_PATH point the editor here;
        django-markdownx's own views, open to anyone, are not routed.
        """

        def editor_endpoint(view):
            only_editors = permission_required("blog.change_post", raise_exception=True)
            return self.admin_site.admin_view(only_editors(require_POST(view)))

        return [
            path(
                "markdownify/",
                editor_endpoint(self.markdownify_view),
                name="blog_post_markdownify",
            ),
            path("upload/", editor_endpoint(self.upload_view), name="blog_post_upload"),
            *super().get_urls(),
        ]

    def markdownify_view(self, request):
        """The live preview, rendered and sanitised exactly as the public page will be."""
        form = MarkdownPreviewForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(form.errors.as_text())
        markdownify = import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)
        return HttpResponse(markdownify(form.cleaned_data["content"]))

    def upload_view(self, request):
        """An image dropped into the editor: stored cleaned, answered with its Markdown."""
        form = EditorImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse(form.errors, status=400)
        url = images.store_upload(form.cleaned_data["image"])
        return JsonResponse({"image_code": f"![]({url})"})
