"""`{% follow_form %}`: the sign-up form for what the page is about, drawn by `base.html`
on area, topic, author, story and data pages (and nowhere else). The page need not know
about alerts: the tag reads what the page has in its context already, and adds no query
(forces and measures come from the cached lists)."""

from django import template
from django.urls import reverse

from taggit.models import Tag

from articles.models import ArticleIndexPage, ArticlePage, force_by_slug
from statistics.lookup import all_forces

from ..models import Follow, Frequency, Subscription

register = template.Library()


def _choice(value: str, **fields) -> tuple[str, str]:
    return value, Subscription(**fields).label


def _choices(context) -> list[tuple[str, str]]:
    """(follow value, label) for what the page is about, the first ticked."""
    page, request = context.get("page"), context.get("request")
    if isinstance(page, ArticlePage):
        return [_choice(f"area:{f.slug}", follow=Follow.AREA, force=f) for f in page.area_list]
    if isinstance(page, ArticleIndexPage):
        match = getattr(request, "routable_resolver_match", None)
        kwargs = match.kwargs if match else {}
        if "force" in kwargs:
            force = force_by_slug(kwargs["force"])
            return [
                _choice(f"area:{force.slug}", follow=Follow.AREA, force=force),
                _choice(f"figures:{force.slug}", follow=Follow.FIGURES, force=force),
            ]
        if "tag" in kwargs:
            # The topic's name as the listing titles it ("Topic: knife crime").
            name = context["listing"].title.partition(": ")[2] or kwargs["tag"]
            return [_choice(f"topic:{kwargs['tag']}", follow=Follow.TOPIC, tag=Tag(name=name))]
    author = context.get("author")
    if author is not None and context.get("listing") is not None:
        return [_choice(f"author:{author.slug}", follow=Follow.AUTHOR, author=author)]
    return []


@register.inclusion_tag("alerts/includes/follow_form.html", takes_context=True)
def follow_form(context):
    request = context.get("request")
    measure = context.get("measure") if context.get("grid") is not None else None
    forces = []
    if measure is not None:
        forces = [(f"figures:{force.slug}:{measure.slug}", force.name) for force in all_forces()]
    return {
        "choices": _choices(context),
        "forces": forces,
        "measure": measure,
        "frequencies": Frequency.choices,
        "action": reverse("alerts:subscribe"),
        "page_path": request.path if request else "",
    }
