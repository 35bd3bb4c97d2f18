from django.urls import path

from practice.caching import public_page

from . import feeds, views

app_name = "blog"

urlpatterns = [
    path("", views.PostListView.as_view(), name="index"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", public_page(feeds.LatestPostsFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.LatestPostsAtomFeed()), name="feed_atom"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("review/<str:token>/", views.PostReviewView.as_view(), name="review"),
    path("<slug:slug>/", views.PostDetailView.as_view(), name="post"),
    path("<slug:slug>/preview/", views.PostPreviewView.as_view(), name="preview"),
]
