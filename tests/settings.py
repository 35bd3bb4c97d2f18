"""The site's settings, with what the tests need besides."""

from practice.settings import *  # noqa: F403

# Tasks run at once, in the process that queues them: a test, and the live server behind
# the browser tests, sees a booking's emails without a worker. Tests of the queue itself
# switch to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
