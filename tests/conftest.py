import pytest

from newsroom.models import HomePage
from tests.factories import ArticleIndexPageFactory


@pytest.fixture
def home(db):
    """The site root, created by the newsroom migrations."""
    return HomePage.objects.get()


@pytest.fixture
def news_index(home):
    return ArticleIndexPageFactory(parent=home)
