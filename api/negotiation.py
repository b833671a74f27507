"""JSON unless `?format=` asks for another: the `Accept` header is not read.

The page cache keeps one response per path and query, whatever the client accepts, so the
format must be in the query: a browser and a script asking for the same URL get the same
bytes.
"""

from django.http import Http404

from rest_framework.negotiation import BaseContentNegotiation


class FormatParameterNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get("format")
        if wanted:
            renderers = [renderer for renderer in renderers if renderer.format == wanted]
            if not renderers:
                raise Http404(f"No {wanted} form of this resource.")
        return renderers[0], renderers[0].media_type
