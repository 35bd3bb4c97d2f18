"""Post search: PostgreSQL full-text search with ranking, or a plain match elsewhere.

On PostgreSQL each post keeps its search document (title, summary and body, weighted in
that order) in a GIN-indexed column, refreshed whenever the post is saved, so a search
reads the index instead of parsing every post's text.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q

SEARCH_CONFIG = "english"


def full_text_search():
    return connection.vendor == "postgresql"


def refresh_search_documents(posts):
    """Recompute the stored search document of these posts (PostgreSQL only)."""
    if full_text_search():
        posts.update(
            search_document=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        )


def search_posts(posts, query):
    """Filter `posts` to those matching `query`, best match first."""
    if full_text_search():
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        # Match with the @@ operator: ts_rank is above zero even for a post missing some words.
        return (
            posts.filter(search_document=search_query)
            .annotate(rank=SearchRank(F("search_document"), search_query))
            .order_by("-rank", "-publish_at", "-pk")
        )
    matches = Q()
    for word in query.split():
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    return posts.filter(matches).order_by("-publish_at", "-pk")
