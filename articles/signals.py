"""A story's own events, for the layers above: `story_published(instance)` once a story (or
its new version) is live, `story_unpublished(instance)` once it has been taken down. Sent by
`signal_handlers` from Wagtail's page signals, so that a receiver needs to know neither which
page type is a story nor how Wagtail unpublishes."""

from django.dispatch import Signal

story_published = Signal()
story_unpublished = Signal()
