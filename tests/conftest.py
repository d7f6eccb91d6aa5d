import pytest

from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture(autouse=True, scope="session")
def jinja2_context_in_responses():
    """Give responses of Jinja2 pages their `context` and `templates`, as Django does for its own.

    Django's test set-up instruments only its own template language; the
    readers' pages are Jinja2 (newsroom/jinja2.py).
    """
    from django.template.backends.jinja2 import Template
    from django.test.signals import template_rendered

    render = Template.render

    def render_and_tell(self, context=None, request=None):
        context = {} if context is None else context
        html = render(self, context, request)  # fills context with the processors' values
        template_rendered.send(sender=self, template=self, context=context)
        return html

    Template.render = render_and_tell
    yield
    Template.render = render


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as a freshly started site would."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def section(db):
    return SectionFactory(name="Dunia", slug="dunia")


@pytest.fixture
def article(section):
    return ArticleFactory(section=section, headline="Rusia dan China perkuat kerja sama")


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(username="staff", is_staff=True))
    return client


@pytest.fixture
def gunicorn_server(transactional_db):
    """The site served by a real gunicorn on the test database; stopped after the test."""
    from tests.server import GunicornServer

    server = GunicornServer(workers=3)
    yield server
    server.stop()
