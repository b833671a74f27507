"""Django's messages middleware, with the storage made only when something uses it.

Django's `MessageMiddleware` builds a message storage for every request (it reads two
settings and makes a signed-cookie signer), though only the admin and a few forms ever add
or show a message: a reader's request never does. Here the storage is made the first time a
view, template or `django.contrib.messages` function touches `request._messages` (the
attribute Django's messages API reads), and a request that never did has nothing to store.
"""

from functools import partial

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    async_capable = False

    def __call__(self, request):
        request._messages = storage = SimpleLazyObject(partial(default_storage, request))
        response = self.get_response(request)
        if request._messages is storage and storage._wrapped is empty:
            return response  # never used: no message added, none to keep
        return self.process_response(request, response)
