"""Which public pages show a picture: wherever the pages and snippets that use it are shown
(a story's hero or body, an author's photo), each answered by its own app's declaration.
Registered with the `register_pages_showing` hook (`wagtail_hooks.py`)."""

from .usage import users_of


def picture(picture) -> list:
    return users_of([picture])
