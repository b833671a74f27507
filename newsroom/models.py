from wagtail.models import Page


class HomePage(Page):
    """The front page: the lead story, the latest ones, and a section per area."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ArticleIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from articles.models import ArticlePage
        from articles.selectors import area_sections

        context = super().get_context(request, *args, **kwargs)
        latest = list(ArticlePage.objects.descendant_of(self).published().for_listing()[:11])
        context["lead"] = latest[0] if latest else None
        context["latest"] = latest[1:]
        context["area_sections"] = area_sections(home=self)
        return context
