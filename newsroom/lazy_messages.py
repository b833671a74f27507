"""Django's messages middleware, with the storage made only when something uses it.

Django's `MessageMiddleware` builds a message storage for every request (it reads two
settings and makes a signed-cookie signer), though only the admin and a few forms ever add
or show a message: a reader's request never does. Here the storage is made the first time a
view, template or `django.contrib.messages` function touches `request._messages` (the
attribute Django's messages API reads), and a request that never did has nothing to store.
"""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if isinstance(storage, SimpleLazyObject) and storage._wrapped is empty:
            return response  # never used: no message added, none to keep
        return super().process_response(request, response)
