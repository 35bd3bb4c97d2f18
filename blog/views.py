from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from practice.caching import public_page
from practice.seo import PageMeta

from .forms import SearchForm
from .models import Category, Post, Tag
from .search import search_posts

POSTS_PER_PAGE = 10


@method_decorator(public_page, name="dispatch")
class PostListView(ListView):
    """The blog index; subclasses narrow it to a category, a tag or a search."""

    paginate_by = POSTS_PER_PAGE
    allow_empty = True
    context_object_name = "posts"
    template_name = "blog/post_list.html"

    def get_queryset(self):
        return Post.objects.published().for_listing().newest_first()

    def get_meta(self):
        return PageMeta(
            title="Articles",
            description="Articles on relationships, trust, trauma and wellbeing from the practice.",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(meta=self.get_meta(), **kwargs)


class CategoryView(PostListView):
    template_name = "blog/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_meta(self):
        return PageMeta(title=self.category.name, description=self.category.description[:300])

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(PostListView):
    template_name = "blog/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_meta(self):
        return PageMeta(
            title=f"Articles tagged “{self.tag.name}”",
            description=f"Articles from the practice about {self.tag.name}.",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(PostListView):
    template_name = "blog/search.html"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.form.is_valid()
        self.query = self.form.cleaned_data["q"]
        if not self.query:
            return Post.objects.none()
        return search_posts(Post.objects.published().for_listing(), self.query)

    def get_meta(self):
        title = f"Search results for “{self.query}”" if self.query else "Search articles"
        return PageMeta(title=title, description="Search the practice's articles.", noindex=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, query=self.query, **kwargs)


@method_decorator(public_page, name="dispatch")
class PostDetailView(DetailView):
    context_object_name = "post"

    def get_queryset(self):
        return (
            Post.objects.published().select_related("author", "category").prefetch_related("tags")
        )

    def get_context_data(self, **kwargs):
        post = self.object
        return super().get_context_data(
            meta=post.page_meta(self.request.build_absolute_uri),
            structured_data=post.structured_data(self.request.build_absolute_uri),
            previous_post=post.previous_post(),
            next_post=post.next_post(),
            related_posts=post.related_posts(),
            **kwargs,
        )
