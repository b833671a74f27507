"""JSON-LD for the pages that are not stories (stories: `articles.seo`): the site on home
(`WebSite` with its search, `NewsMediaOrganization`), an author's `ProfilePage`, a measure's
`Dataset`. Plain dicts, serialised by the `json_ld` filter; every URL from the request, which
`SiteURLMiddleware` points at `SITE_URL`.
"""

from django.urls import reverse

from articles import seo


def home(request) -> list[dict]:
    site = seo.identity(request)
    home_url = request.build_absolute_uri("/")
    organization = {"@context": "https://schema.org", **seo.publisher(request, site)}
    organization["@id"] = f"{home_url}#publisher"
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.name,
        "description": site.description,
        "url": home_url,
        "inLanguage": "en-GB",
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri(reverse("search"))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return [website, organization]


def profile_page(request, author, photo=None) -> dict:
    url = request.build_absolute_uri(author.get_absolute_url())
    person = {"@type": "Person", "name": author.name, "url": url}
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    if photo:
        person["image"] = request.build_absolute_uri(photo.url)
    person["worksFor"] = {"@type": "NewsMediaOrganization", "name": seo.identity(request).name}
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": person,
    }


def dataset(request, measure, grid) -> dict:
    """A measure's figures as a Dataset, so data search engines find them: its downloads as
    distributions, the publications they come from as `isBasedOn`."""
    url = request.build_absolute_uri(measure.get_absolute_url())
    site = seo.identity(request)
    forces = [row.force for row in grid.rows]
    description = measure.description or (
        f"{measure.name}, in {measure.unit}, for each police force"
        f" ({len(forces)} in all), by period, with the change between the latest two periods."
    )
    if len(description) < 50:
        description += f" Figures in {measure.unit} for each police force, by period."
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": measure.name,
        "description": description,
        "url": url,
        "creator": seo.publisher(request, site),
        "isAccessibleForFree": True,
        "keywords": [measure.name, "police", *sorted({f.get_nation_display() for f in forces})],
        "variableMeasured": {
            "@type": "PropertyValue",
            "name": measure.name,
            "unitText": measure.unit,
        },
        "spatialCoverage": {"@type": "Place", "name": ", ".join(f.name for f in forces) or "UK"},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": mime,
                "contentUrl": request.build_absolute_uri(
                    reverse(f"statistics:measure_{kind}", args=[measure.slug])
                ),
            }
            for kind, mime in (("csv", "text/csv"), ("json", "application/json"))
        ],
        "isBasedOn": [
            {
                "@type": "CreativeWork",
                "name": source.title,
                "publisher": {"@type": "Organization", "name": source.publisher},
                "datePublished": source.date_published.isoformat(),
                **({"url": source.url} if source.url else {}),
            }
            for source in grid.sources
        ],
    }
    if grid.periods:
        data["temporalCoverage"] = (
            f"{period_bounds(grid.periods[0])[0]}/{period_bounds(grid.periods[-1])[1]}"
        )
    return data


def period_bounds(period: str) -> tuple[str, str]:
    """ISO dates a period spans: a financial year `2019/20` runs April to March."""
    start = int(period[:4])
    if "/" in period:
        return f"{start}-04-01", f"{start + 1}-03-31"
    return f"{start}-01-01", f"{start}-12-31"
