"""The 500 page, rendered without the database.

Django's own `server_error` renders `500.html` with no context at all, so the footer lost
the site's name and read ": ." (and a context processor could not help: the error may be
that the database is down). Here the page gets the identity the settings give, which needs
no query.
"""

from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from articles.seo import default_identity


@requires_csrf_token
def server_error(request, template_name="500.html"):
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"identity": default_identity()}))
