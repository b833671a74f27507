"""The API's docs page works in Chromium under the site's Content Security Policy: Swagger UI
loads from this site, reads /api/schema/ and lists the endpoints."""


def test_the_docs_page_lists_the_endpoints(live_server, page):
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(live_server.url + "/api/docs/")
    page.locator(".swagger-ui .info .title").filter(has_text="Newsroom API").wait_for()
    page.get_by_text("/api/figures/", exact=True).first.wait_for()
    assert refused == []
