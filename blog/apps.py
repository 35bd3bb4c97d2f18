from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from practice import page_cache

        from .models import Category, Post, Tag

        page_cache.watch(Post, Category, Tag)
        page_cache.end_versions_at(Post.objects.next_publish_time)
