from wagtail import hooks

from . import pages_showing
from .models import Picture


@hooks.register("register_pages_showing")
def register_pages_showing():
    return {Picture: pages_showing.picture}
