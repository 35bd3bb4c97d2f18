from django.contrib import admin

from practice.admin import MarkdownEditorAdmin

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
class PostAdmin(MarkdownEditorAdmin):
    list_display = ["title", "status_label", "publish_at", "category", "author", "updated_at"]
    list_filter = [PublicationFilter, "category", "tags", "author"]
    search_fields = ["title", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["tags"]

    @admin.display(description="status", ordering="status")
    def status_label(self, post):
        return post.publication

    def view_on_site(self, post):
        """Only a published post has a public page to view; the others have a Preview link."""
        return post.get_absolute_url() if post.is_published else None
