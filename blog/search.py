"""Post search: PostgreSQL full-text search with ranking, or a plain match elsewhere."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

SEARCH_CONFIG = "english"


def search_posts(posts, query):
    """Filter `posts` to those matching `query`, best match first."""
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        )
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        # Match with the @@ operator: ts_rank is above zero even for a post missing some words.
        return (
            posts.alias(document=vector)
            .filter(document=search_query)
            .annotate(rank=SearchRank(vector, search_query))
            .order_by("-rank", "-publish_at", "-pk")
        )
    matches = Q()
    for word in query.split():
        matches &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
    return posts.filter(matches).order_by("-publish_at", "-pk")
