"""HTTP caching for public pages."""

from django.views.decorators.cache import cache_control

# Browsers and proxies may keep a public page but must revalidate it each time:
# ConditionalGetMiddleware answers 304 while the ETag still matches, and a post
# whose scheduled time has passed shows at once, held back by no cache.
public_page = cache_control(public=True, no_cache=True)
