"""What every open-data response carries: CORS for GETs, an ETag, answers to conditional GETs.

Under `OPEN_PREFIXES` any site's scripts may read a GET (no credentials are ever read, so `*`
is safe), and a client that sends back the ETag or Last-Modified it was given gets a 304
instead of the body. The page cache (`newsroom.page_cache`) adds its own ETag to what it
keeps; this covers the responses it does not keep (filtered queries, throttled clients).
"""

from django.middleware.http import ConditionalGetMiddleware

OPEN_PREFIXES = ("/api/", "/embed/", "/oembed/")


class OpenDataMiddleware(ConditionalGetMiddleware):
    async_capable = False

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(OPEN_PREFIXES):
            return response
        return self.process_response(request, response)

    def process_response(self, request, response):
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After, Link"
        return super().process_response(request, response)
