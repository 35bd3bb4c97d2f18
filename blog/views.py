import re
from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from practice.caching import behind_secret_address, public_page
from practice.preview import HiddenFromSearchEngines, StaffPreviewMixin
from practice.seo import PageMeta, PageMetaMixin

from .forms import SearchForm
from .models import Category, Post, ReviewLink, Tag
from .search import search_posts

POSTS_PER_PAGE = 10
POSITIVE_NUMBER = re.compile(r"[1-9][0-9]*")


@method_decorator(public_page, name="dispatch")
class PostListView(PageMetaMixin, ListView):
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


class CategoryView(PostListView):
    template_name = "blog/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(
            Category.objects.select_related("service"), slug=self.kwargs["slug"]
        )
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


class PostPageView(PageMetaMixin, DetailView):
    """The page of one post; subclasses say which posts it may show, and to whom (visible)."""

    model = Post
    context_object_name = "post"
    template_name = "blog/post_detail.html"

    def get_queryset(self):
        return (
            self.visible()
            .with_neighbours()
            .select_related("author", "reviewed_by", "category__service")
            .prefetch_related("tags")
        )

    def get_meta(self):
        return self.object.page_meta(self.request.build_absolute_uri)

    def get_structured_data(self):
        return self.object.structured_data(self.request.build_absolute_uri)

    def get_context_data(self, **kwargs):
        post = self.object
        return super().get_context_data(
            previous_post=post.previous_post(),
            next_post=post.next_post(),
            related_posts=post.related_posts(),
            **kwargs,
        )


@method_decorator(public_page, name="dispatch")
class PostDetailView(PostPageView):
    def visible(self):
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


class PostPreviewView(StaffPreviewMixin, PostPageView):
    """A draft or scheduled post as readers will see it, for staff who may change posts."""


@method_decorator(behind_secret_address, name="dispatch")
class PostReviewView(HiddenFromSearchEngines, PostPageView):
    """An unpublished post, for whoever holds a review link to it and no one else.

    A link that is forged, expired or revoked gets the same page, which says nothing of the
    post; the address is a secret, so no page here sends it on as a referrer.
    """

    def get(self, request, *args, **kwargs):
        self.review_link = ReviewLink.from_token(kwargs["token"])
        if self.review_link is None:
            meta = PageMeta(
                title="This review link does not work", noindex=True, secret_address=True
            )
            response = render(request, "blog/review_link_invalid.html", {"meta": meta}, status=404)
        elif self.review_link.post.is_published:
            response = redirect(self.review_link.post)
        else:
            self.object = self.get_queryset().get(pk=self.review_link.post_id)
            response = self.render_to_response(
                self.get_context_data(is_preview=True, review_link=self.review_link)
            )
        return response

    def get_meta(self):
        return replace(super().get_meta(), secret_address=True)

    def visible(self):
        return Post.objects.all()
