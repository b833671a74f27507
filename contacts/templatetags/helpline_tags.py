from django import template
from django.db import DatabaseError
from django.db.models import F

from contacts import phone
from contacts.models import Helpline, HelplineKind

register = template.Library()

FALLBACK_EMERGENCY_NUMBER = "999"


@register.inclusion_tag("contacts/includes/emergency_number.html")
def emergency_number():
    """The emergency number for the site footer: the published UK-wide emergency helpline's,
    or 999 when there is none (or the database cannot say, as on an error page), so the
    footer never goes without one."""
    try:
        helpline = (
            Helpline.objects.published()
            .filter(kind=HelplineKind.EMERGENCY)
            .order_by(F("area").asc(nulls_first=True), "pk")
            .first()
        )
    except DatabaseError:
        helpline = None
    number = helpline.number if helpline else FALLBACK_EMERGENCY_NUMBER
    return {"number": phone.display(number), "tel_href": phone.tel_href(number)}
