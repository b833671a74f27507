from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

from contacts.models import Helpline

REFERENCE_URL = "/news/online-child-sex-offences-reported-to-police/"


@pytest.mark.django_db
def test_the_reference_story_ends_with_its_three_helplines_emergency_first(client):
    call_command("load_demo")
    html = BeautifulSoup(client.get(REFERENCE_URL).content, "html.parser")
    last_block = html.select_one(".story__body").find_all(recursive=False)[-1]
    assert "helplines" in last_block["class"]
    assert last_block.select_one("h2").get_text() == "How to report abuse"
    links = [(a.get_text(), a["href"]) for a in last_block.select(".helpline__number a")]
    assert links == [
        ("999", "tel:999"),
        ("101", "tel:101"),
        ("0300 456 0108", "tel:+443004560108"),
    ]
    assert Helpline.objects.published().count() == 3
    footer = html.select_one(".site-footer__emergency a")
    assert (footer.get_text(), footer["href"]) == ("999", "tel:999")
