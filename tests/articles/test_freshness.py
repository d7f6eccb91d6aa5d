"""The freshness contract, across real processes: what is committed shows everywhere at once.

A real gunicorn with three workers serves the site; the edits are made by
another process (this one, or a `manage.py shell` script), and every page is
polled until it shows them. And content_changed, which HTTP caches are
purged by, is sent once per transaction, after commit.
"""

import os
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from articles.caching import AfterCommit
from articles.models import Article
from articles.signals import content_changed
from comments.models import Comment
from comments.services import moderate_comments
from tests import server as servers
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, image_bytes
from tests.server import ROOT, GunicornServer

FRESH_WITHIN = 2.0  # seconds: the contract for changes committed through the application
REDIS_URL = os.environ.get("FRESHNESS_REDIS_URL", "redis://127.0.0.1:6379/8")


def fetch(server, path) -> str:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:  # noqa: S310
        return response.read().decode()


NAVIGATION = '<nav class="site-nav"'


def navigation_on(server, path) -> str:
    """The site header's list of sections."""
    html = fetch(server, path)
    return html[html.index(NAVIGATION) : html.index("</nav>", html.index(NAVIGATION))]


RELATED = 'aria-labelledby="related-heading"'


def related_news_on(server, path) -> str:
    """The article page's related news (its latest news may show the same headlines)."""
    html = fetch(server, path)
    return html[html.index(RELATED) : html.index("</section>", html.index(RELATED))]


def newsroom():
    """An article with an author and a tag, and another article whose latest news shows it."""
    section = SectionFactory(name="Dunia", slug="dunia")
    author = AuthorFactory(name="Rina Wartawati", slug="rina-wartawati")
    article = ArticleFactory(
        section=section, headline="Banjir surut di pesisir", tags=["Banjir"], authors=[author]
    )
    other = ArticleFactory(section=SectionFactory(), headline="Pasar dibuka kembali")
    ArticleFactory(
        section=section, slug="kerabat", headline="Tanggul jebol", tags=["Banjir"]
    )  # its related news show the article
    return article, other


def pages_showing(article, other) -> list[str]:
    return [
        article.get_absolute_url(),
        other.get_absolute_url(),  # its latest news
        reverse("articles:detail", args=["kerabat"]),  # its related news (and latest)
        reverse("articles:home"),
        article.section.get_absolute_url(),
        reverse("articles:tag", args=[article.tags.get().slug]),
        article.authors.get().get_absolute_url(),
        reverse("articles:feed_rss"),
        reverse("articles:news_sitemap"),
    ]


def assert_every_page_shows(server, paths, text, *, since, within, read=fetch):
    """Each page shows `text` within `within` seconds of `since`, then from every worker."""
    for path in paths:
        while text not in read(server, path):
            assert time.monotonic() - since < within, f"{path} still without {text!r}"
            time.sleep(0.05)
        # Gunicorn's workers take connections in turn, as they come: ask each a few times.
        stale = [n for n in range(9) if text not in read(server, path)]
        assert not stale, f"{path}: a worker still without {text!r}"


def warm(server, paths, text, read=fetch):
    """Have every worker render (and keep what it keeps of) every page."""
    for path in paths:
        for _ in range(9):
            assert text in read(server, path), path


@pytest.fixture
def redis_server_url():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"The freshness tests with Redis need Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def gunicorn_on_redis(transactional_db, redis_server_url):
    server = GunicornServer(workers=3, environment={"REDIS_URL": redis_server_url})
    yield server
    server.stop()


def edit_headline_and_check(server, *, redis_url=None):
    article, other = newsroom()
    paths = pages_showing(article, other)
    warm(server, paths, "Banjir surut di pesisir")
    kin = [reverse("articles:detail", args=["kerabat"])]
    warm(server, kin, "Banjir surut di pesisir", read=related_news_on)

    if redis_url:  # an app process of the same site: a script on its Redis
        run_script(
            "from articles.models import Article; article = Article.objects.get(pk="
            f"{article.pk}); article.headline = 'Banjir surut, warga pulang'; article.save()",
            REDIS_URL=redis_url,
        )
    else:
        article.headline = "Banjir surut, warga pulang"
        article.save()  # committed: this test runs outside a transaction
    committed = time.monotonic()

    assert_every_page_shows(
        server, paths, "Banjir surut, warga pulang", since=committed, within=FRESH_WITHIN
    )
    assert_every_page_shows(
        server,
        kin,
        "Banjir surut, warga pulang",
        since=committed,
        within=FRESH_WITHIN,
        read=related_news_on,
    )


def test_a_headline_saved_in_another_process_shows_on_every_page_within_2_s(gunicorn_server):
    edit_headline_and_check(gunicorn_server)


def test_with_redis_a_headline_saved_in_another_process_shows_within_2_s(
    gunicorn_on_redis, redis_server_url
):
    edit_headline_and_check(gunicorn_on_redis, redis_url=redis_server_url)


def run_script(code: str, **environment) -> None:
    """Run Python code in `manage.py shell`, a process of its own, on the test database."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": servers.test_database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        **environment,
    }
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=60,
    )


@pytest.mark.parametrize("with_redis", [False, True], ids=["no-redis", "redis"])
def test_a_queryset_update_from_a_script_shows_on_every_page_at_once(
    transactional_db, with_redis, request
):
    environment = {"REDIS_URL": request.getfixturevalue("redis_server_url")} if with_redis else {}
    server = GunicornServer(workers=3, environment=environment)
    try:
        article, other = newsroom()
        paths = pages_showing(article, other)
        warm(server, paths, "Banjir surut di pesisir")

        run_script(
            "from articles.models import Article; "
            f"Article.objects.filter(pk={article.pk}).update(headline='Air laut naik lagi')"
        )
        updated = time.monotonic()

        # No signal is sent for update(): nothing is kept that could show the old headline.
        assert_every_page_shows(
            server, paths, "Air laut naik lagi", since=updated, within=FRESH_WITHIN
        )
    finally:
        server.stop()


@pytest.mark.parametrize("written_by", ["save", "update"])
def test_search_finds_a_new_word_from_every_worker_within_2_s(gunicorn_server, written_by):
    """The search index is PostgreSQL's, written by a trigger on every write path."""
    article, _other = newsroom()
    search = reverse("articles:search") + "?q=evakuasi"
    for _ in range(9):
        assert article.headline not in fetch(gunicorn_server, search)

    new_headline = "Evakuasi warga pesisir selesai"
    if written_by == "save":
        article.headline = new_headline
        article.save()
    else:
        run_script(
            "from articles.models import Article; "
            f"Article.objects.filter(pk={article.pk}).update(headline={new_headline!r})"
        )
    written = time.monotonic()

    # The result marks the word found: <mark>Evakuasi</mark> warga pesisir selesai.
    assert_every_page_shows(
        gunicorn_server, [search], "warga pesisir selesai", since=written, within=FRESH_WITHIN
    )


def test_a_section_renamed_by_a_script_shows_in_every_workers_navigation(gunicorn_server):
    article, other = newsroom()
    paths = [other.get_absolute_url(), reverse("articles:home"), reverse("articles:search")]
    warm(gunicorn_server, paths, "Dunia", read=navigation_on)

    run_script("from articles.models import Section; Section.objects.filter(slug='dunia')"
               ".update(name='Mancanegara')")  # fmt: skip
    renamed = time.monotonic()

    assert_every_page_shows(
        gunicorn_server,
        paths,
        "Mancanegara",
        since=renamed,
        within=FRESH_WITHIN,
        read=navigation_on,
    )


# content_changed: once per transaction, after commit.


@pytest.fixture
def received():
    sent = []

    def receiver(sender, keys, **kwargs):
        in_transaction = transaction.get_connection().in_atomic_block
        sent.append({"keys": set(keys), "in_transaction": in_transaction})

    content_changed.connect(receiver, dispatch_uid="test-freshness")
    yield sent
    content_changed.disconnect(dispatch_uid="test-freshness")


def article_form(section, author, **overrides):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "headline": "Gempa kecil guncang pesisir selatan",
        "slug": "gempa-kecil-guncang-pesisir-selatan",
        "standfirst": "Tidak ada kerusakan yang dilaporkan.",
        "section": section.pk,
        "authors": [author.pk],
        "tags": "Gempa, Bencana, Pesisir",
        "dateline_place": "Yogyakarta",
        "source_agencies": "Antara",
        "body": "<p>Gempa berkekuatan kecil terasa pagi ini.</p>",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "photos-TOTAL_FORMS": "2",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        **{
            f"photos-{n}-{name}": value
            for n in range(2)
            for name, value in {
                "image": SimpleUploadedFile(f"foto{n}.jpg", image_bytes(), "image/jpeg"),
                "caption": "Warga berkumpul di lapangan.",
                "credit": "Antara/Fotografer Kami",
                "alt_text": "Warga berdiri di lapangan terbuka",
                "order": str(n),
            }.items()
        },
        "photos-0-is_lead": "on",
        "related_pins-TOTAL_FORMS": "0",
        "related_pins-INITIAL_FORMS": "0",
        "related_pins-MIN_NUM_FORMS": "0",
        "related_pins-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def test_one_admin_save_announces_once_after_commit_with_every_key(
    transactional_db, editor_client, section, received
):
    author = AuthorFactory()
    received.clear()

    response = editor_client.post(
        reverse("admin:articles_article_add"), article_form(section, author)
    )

    assert response.status_code == 302
    # One announcement for the whole save (the article, two photos, three tags, an
    # author, each a signal), sent once the admin's transaction had committed.
    assert len(received) == 1
    assert received[0]["in_transaction"] is False
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert article.photos.count() == 2
    tags = {f"tag-{tag.pk}" for tag in article.tags.all()}
    assert len(tags) == 3
    assert {
        f"article-{article.pk}",
        f"section-{section.pk}",
        f"author-{author.pk}",
        *tags,
        *{"home", "latest", "feeds", "sitemaps", "search"},
    } <= received[0]["keys"]


def test_in_a_test_transaction_one_callback_is_registered_for_every_write(
    editor_client, section, django_capture_on_commit_callbacks
):
    author = AuthorFactory()
    connection = transaction.get_connection()
    connection.run_on_commit = []  # what the fixtures wrote, as if committed

    with django_capture_on_commit_callbacks() as callbacks:
        editor_client.post(reverse("admin:articles_article_add"), article_form(section, author))

    assert len([callback for callback in callbacks if isinstance(callback, AfterCommit)]) == 1


def test_writes_in_a_transaction_are_announced_once_when_it_commits(transactional_db, received):
    section = SectionFactory()
    received.clear()

    with transaction.atomic():
        first = ArticleFactory(section=section, tags=["Satu"])
        second = ArticleFactory(section=section)
        first.headline = "Diubah"
        first.save()
        assert received == []

    assert len(received) == 1
    assert {f"article-{first.pk}", f"article-{second.pk}", f"section-{section.pk}"} <= received[0][
        "keys"
    ]


def test_a_rolled_back_transaction_announces_nothing(transactional_db, received):
    section = SectionFactory()
    received.clear()

    with pytest.raises(RuntimeError), transaction.atomic():
        ArticleFactory(section=section)
        raise RuntimeError("rolled back")

    assert received == []


def test_writes_after_a_rolled_back_savepoint_are_still_announced(transactional_db, received):
    section = SectionFactory()
    received.clear()

    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            dropped = ArticleFactory(section=section)  # its callback goes with the savepoint
            raise RuntimeError("rolled back")
        kept = ArticleFactory(section=section)

    assert len(received) == 1
    assert f"article-{kept.pk}" in received[0]["keys"]
    assert f"article-{dropped.pk}" not in received[0]["keys"]


def test_approving_comments_announces_their_articles_after_commit(
    transactional_db, received, article
):
    comment = Comment.objects.create(article=article, name="Siti", email="s@example.com", body="Ya")
    quiet = ArticleFactory()
    Comment.objects.create(article=quiet, name="Budi", email="b@example.com", body="Tidak")
    received.clear()

    moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk), status="approved", moderator=None
    )
    rejected = moderate_comments(
        comments=Comment.objects.filter(article=quiet), status="rejected", moderator=None
    )

    assert rejected == 1
    assert len(received) == 1  # a pending comment rejected changes no page
    assert f"article-{article.pk}" in received[0]["keys"]


def test_a_receiver_that_fails_is_logged_never_the_editors_error(
    transactional_db, received, caplog
):
    def purge_with_the_cache_down(sender, keys, **kwargs):
        raise ConnectionError("Varnish is down")

    content_changed.connect(purge_with_the_cache_down, dispatch_uid="test-broken-purger")
    try:
        article = ArticleFactory()  # outside a transaction: announced at once
    finally:
        content_changed.disconnect(dispatch_uid="test-broken-purger")

    assert Article.objects.filter(pk=article.pk).exists()
    assert any(f"article-{article.pk}" in sent["keys"] for sent in received)
    assert "Varnish is down" in caplog.text


# What a change announces: what an article shows, or which lists it is in (articles/caching.py).

SHOWN_EVERYWHERE = {"feeds", "sitemaps", "search"}


@pytest.fixture
def story(transactional_db):
    """A published article with a tag and an author, an hour old."""
    return ArticleFactory(
        section=SectionFactory(name="Dunia", slug="dunia"),
        tags=["Gempa"],
        authors=[AuthorFactory()],
        headline="Gempa di Maluku",
    )


def list_keys(article) -> set[str]:
    """The lists the article is in, by their keys."""
    return {
        "home",
        "latest",
        f"section-{article.section_id}",
        *(f"tag-{tag.pk}" for tag in article.tags.all()),
        *(f"author-{author.pk}" for author in article.authors.all()),
    }


def only_announcement(received) -> set[str]:
    assert len(received) == 1
    return received[0]["keys"]


def test_a_headline_edited_announces_the_article_and_the_small_sets_only(story, received):
    received.clear()

    with transaction.atomic():
        story.headline = "Gempa bermagnitudo 6 di Maluku"
        story.save()

    assert only_announcement(received) == {f"article-{story.pk}", *SHOWN_EVERYWHERE}


def test_a_headline_edited_in_the_admin_announces_the_article_only(story, editor_client, received):
    """The change form sends the publication time back to the second: it is no listing change."""
    change = reverse("admin:articles_article_change", args=[story.pk])
    form = editor_client.get(change).context["adminform"].form
    published_on, published_at = form.fields["published_at"].widget.decompress(
        form["published_at"].initial
    )
    assert story.published_at.microsecond != 0  # what the form cannot send back
    received.clear()

    response = editor_client.post(
        change,
        article_form(
            story.section,
            story.authors.get(),
            headline="Gempa bermagnitudo 6 di Maluku",
            slug=story.slug,
            tags="Gempa",
            published_at_0=published_on.isoformat(),
            published_at_1=published_at.isoformat(),
            based_on_version=str(form["based_on_version"].initial),
            **{"photos-TOTAL_FORMS": "0"},
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    story.refresh_from_db()
    assert story.headline == "Gempa bermagnitudo 6 di Maluku"
    assert only_announcement(received) == {f"article-{story.pk}", *SHOWN_EVERYWHERE}


def test_a_comment_approved_is_no_listing_change(story, received):
    comment = Comment.objects.create(article=story, name="Siti", email="s@ex.com", body="Ya")
    received.clear()

    moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk), status="approved", moderator=None
    )

    assert only_announcement(received) == {f"article-{story.pk}", *SHOWN_EVERYWHERE}


def publish_in_bulk(client, article):
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )


def unpublish_in_bulk(client, article):
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )


def withdraw(client, article):
    from editorial.corrections import withdraw_article

    withdraw_article(article=article, reason="Sumber tidak dapat dipastikan.", editor=client.editor)


def feature(client, article):
    article.is_featured = True
    article.save()


def republish_earlier(client, article):
    article.published_at -= timedelta(days=1)
    article.save()


@pytest.mark.parametrize(
    "listing_change", [unpublish_in_bulk, withdraw, feature, republish_earlier]
)
def test_a_published_article_leaving_or_moving_in_the_lists_announces_them(
    story, editor_client, editor, received, listing_change
):
    editor_client.editor = editor
    before = list_keys(story)
    received.clear()

    listing_change(editor_client, story)

    assert {f"article-{story.pk}", *SHOWN_EVERYWHERE, *before} <= only_announcement(received)


def test_publishing_announces_the_lists_the_article_joins(story, editor_client, received):
    story.status, story.published_at = Article.Status.DRAFT, None
    story.save()
    received.clear()

    publish_in_bulk(editor_client, story)

    story.refresh_from_db()
    assert story.is_published()
    assert {f"article-{story.pk}", *SHOWN_EVERYWHERE, *list_keys(story)} <= only_announcement(
        received
    )


def test_moving_an_article_announces_both_sections(story, received):
    old_section = story.section_id
    received.clear()

    with transaction.atomic():
        story.section = SectionFactory(name="Olahraga", slug="olahraga")
        story.save()

    keys = only_announcement(received)
    assert {f"section-{old_section}", f"section-{story.section_id}", "home", "latest"} <= keys


def test_a_tag_or_an_author_added_or_removed_announces_its_list(story, received):
    old_tag, old_author = story.tags.get(), story.authors.get()
    new_author = AuthorFactory()
    received.clear()

    with transaction.atomic():
        story.tags.set(["Tsunami"])
        story.authors.set([new_author])

    keys = only_announcement(received)
    new_tag = story.tags.get()
    assert {
        f"article-{story.pk}",
        f"tag-{old_tag.pk}",
        f"tag-{new_tag.pk}",
        f"author-{old_author.pk}",
        f"author-{new_author.pk}",
    } <= keys


def test_deleting_a_published_article_announces_every_list_it_was_in(story, received):
    before, pk = list_keys(story), story.pk
    received.clear()

    story.delete()

    assert {f"article-{pk}", *before} <= only_announcement(received)
