from django import template
from django.db import DatabaseError

from contacts import phone
from contacts.models import HelplineKind, published_helplines

register = template.Library()

FALLBACK_EMERGENCY_NUMBER = "999"


@register.inclusion_tag("contacts/includes/emergency_number.html")
def emergency_number():
    """The emergency number for the site footer: the published UK-wide emergency helpline's,
    or 999 when there is none (or the database cannot say, as on an error page), so the
    footer never goes without one. Read from the cached published helplines: no query."""
    try:
        emergency = [h for h in published_helplines() if h.kind == HelplineKind.EMERGENCY]
    except DatabaseError:
        emergency = []
    helpline = min(emergency, key=lambda h: (h.area_id is not None, h.pk), default=None)
    number = helpline.number if helpline else FALLBACK_EMERGENCY_NUMBER
    return {"number": phone.display(number), "tel_href": phone.tel_href(number)}
