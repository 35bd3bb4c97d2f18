import re
from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from practice.caching import public_page
from practice.seo import PageMeta

from .forms import SearchForm
from .models import Category, Post, Tag
from .search import search_posts

POSTS_PER_PAGE = 10
POSITIVE_NUMBER = re.compile(r"[1-9][0-9]*")


@method_decorator(public_page, name="dispatch")
class PostListView(ListView):
    """The blog index; subclasses narrow it to a category, a tag or a search."""

    paginate_by = POSTS_PER_PAGE
    context_object_name = "posts"
    template_name = "blog/post_list.html"

    def paginate_queryset(self, queryset, page_size):
        # Django would also take "last", "+2" or "1_0"; one page has one address here.
        page = self.request.GET.get(self.page_kwarg)
        if page is not None and not POSITIVE_NUMBER.fullmatch(page):
            raise Http404("A page number is a positive whole number.")
        return super().paginate_queryset(queryset, page_size)

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


class PostPageView(DetailView):
    """The page of one post; subclasses say which posts it may show, and to whom."""

    context_object_name = "post"
    template_name = "blog/post_detail.html"

    def get_queryset(self):
        return self.visible_posts().select_related("author", "category").prefetch_related("tags")

    def get_meta(self):
        return self.object.page_meta(self.request.build_absolute_uri)

    def get_structured_data(self):
        return self.object.structured_data(self.request.build_absolute_uri)

    def get_context_data(self, **kwargs):
        post = self.object
        return super().get_context_data(
            meta=self.get_meta(),
            structured_data=self.get_structured_data(),
            previous_post=post.previous_post(),
            next_post=post.next_post(),
            related_posts=post.related_posts(),
            **kwargs,
        )


@method_decorator(public_page, name="dispatch")
class PostDetailView(PostPageView):
    def visible_posts(self):
        return Post.objects.published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # Only a missing page pays for this look-up: an address the post had before.
            moved = Post.objects.published().filter(old_slugs__slug=kwargs["slug"]).first()
            if moved is None:
                raise
            return redirect(moved, permanent=True)


@method_decorator(never_cache, name="dispatch")
class PostPreviewView(PostPageView):
    """A draft or scheduled post as readers will see it, for staff who may change posts.

    Anyone else gets the 404 the public page gives; a published post redirects to that page.
    """

    def visible_posts(self):
        user = self.request.user
        if user.is_staff and user.has_perm("blog.change_post"):
            return Post.objects.all()
        return Post.objects.none()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_published:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(is_preview=True))

    def get_meta(self):
        return replace(super().get_meta(), noindex=True)

    def get_structured_data(self):
        return None  # Search engines never see a preview.
