"""The shipped VCL with a real Varnish in front of a real gunicorn."""

import socket
import time

from django.db import transaction

from comments.models import Comment
from comments.services import moderate_comments
from delivery.purge import wait_for_purges
from tests.delivery.varnish import get
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.site_session import SiteSession


def article(**fields):
    return ArticleFactory(section=SectionFactory(name="Dunia", slug="dunia"), **fields)


def test_a_second_get_is_a_hit(cached_site):
    path = article().get_absolute_url()
    first = get(cached_site, path)
    second = get(cached_site, path)
    assert first.status == second.status == 200
    assert first.getheader("X-Cache") == "MISS"
    assert second.getheader("X-Cache") == "HIT"
    assert int(second.getheader("Age")) >= 0
    assert second.text == first.text
    # Keys and s-maxage are Varnish's own business.
    assert second.getheader("xkey") is None
    assert "s-maxage" not in second.getheader("Cache-Control")
    assert "public" in second.getheader("Cache-Control")


def test_analytics_cookies_and_campaign_parameters_share_the_readers_copy(cached_site):
    path = article().get_absolute_url()
    get(cached_site, path)
    with_cookies = get(cached_site, path, headers={"Cookie": "_ga=GA1.2.3; _fbp=fb.1.2"})
    assert with_cookies.getheader("X-Cache") == "HIT"
    from_a_campaign = get(cached_site, f"{path}?utm_source=wa&utm_medium=share")
    assert from_a_campaign.getheader("X-Cache") == "HIT"


def test_a_signed_in_editor_passes(cached_site):
    path = article().get_absolute_url()
    get(cached_site, path)
    for cookie in ["sessionid=abc", "_ga=1; csrftoken=xyz"]:
        response = get(cached_site, path, headers={"Cookie": cookie})
        assert response.status == 200
        assert response.getheader("X-Cache") == "MISS", cookie


def test_the_admin_passes(cached_site):
    for _ in range(2):
        response = get(cached_site, "/admin/login/")
        assert response.status == 200
        assert response.getheader("X-Cache") == "MISS"


def test_a_post_passes(cached_site):
    story = article()
    for _ in range(2):
        response = get(
            cached_site,
            f"/berita/{story.slug}/komentar/",
            method="POST",
            body="name=&body=",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.getheader("X-Cache") == "MISS"
        assert response.status != 200 or "no-store" in response.getheader("Cache-Control")


def test_the_language_switch_is_never_cached(cached_site):
    for _ in range(2):
        response = get(cached_site, "/bahasa/en/?next=/")
        assert response.status == 302
        assert response.getheader("X-Cache") == "MISS"


def test_an_edit_committed_purges_the_article_and_shows_within_two_seconds(cached_site, settings):
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [cached_site.url]
    story = article(headline="Gempa di Maluku")
    elsewhere = ArticleFactory(section=SectionFactory(name="Olahraga", slug="olahraga"))
    assert wait_for_purges(5)  # their creation was announced and purged too
    path, other_section = story.get_absolute_url(), elsewhere.section.get_absolute_url()
    get(cached_site, path)
    get(cached_site, other_section)
    assert get(cached_site, path).getheader("X-Cache") == "HIT"

    # The save announces itself after commit (articles.signals.content_changed).
    with transaction.atomic():
        story.headline = "Gempa bermagnitudo 6 di Maluku"
        story.save()
    deadline = time.monotonic() + 2
    while "Gempa bermagnitudo 6 di Maluku" not in get(cached_site, path).text:
        assert time.monotonic() < deadline, "the edit did not show through Varnish within 2 s"
        time.sleep(0.05)
    # Only the pages naming what changed went: another section's page is still cached.
    assert get(cached_site, other_section).getheader("X-Cache") == "HIT"


def test_an_edit_saved_in_the_admin_purges_varnish_by_itself(start_cached_site):
    """End to end: an editor's save in a gunicorn worker purges the real Varnish in front.

    The test process purges nothing (no CACHE_PURGE_URLS here): only the site can.
    """
    site = start_cached_site(purged_by_the_site=True)
    story = article(headline="Gempa di Maluku")
    path = story.get_absolute_url()
    # The article, the home pages of both languages, and a search that finds it.
    pages = (path, "/", "/en/", "/cari/?q=gempa")
    for page in pages:
        get(site, page)
        assert get(site, page).getheader("X-Cache") == "HIT"
    UserFactory(username="redaktur", is_staff=True, is_superuser=True)
    editor = SiteSession(site.url)  # through Varnish, which passes the admin
    editor.log_in("redaktur", "correct horse battery staple")

    change = f"/admin/articles/article/{story.pk}/change/"
    fields = [
        (name, "Gempa bermagnitudo 6 di Maluku" if name == "headline" else value)
        for name, value in editor.form(change, "article_form")
    ]
    saved_to, _page = editor.post(change, fields)
    assert saved_to.endswith("/admin/articles/article/"), "the admin did not save the form"

    deadline = time.monotonic() + 2
    for page in pages:
        # (The search marks the word it found: <mark>Gempa</mark> bermagnitudo …)
        while "bermagnitudo 6 di Maluku" not in get(site, page).text:
            assert time.monotonic() < deadline, f"{page}: the edit did not show within 2 s"
            time.sleep(0.05)


def test_a_comment_approved_shows_through_varnish_within_two_seconds(cached_site, settings):
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [cached_site.url]
    story = article()
    comment = Comment.objects.create(
        article=story, name="Siti", email="siti@example.com", body="Semoga lekas pulih."
    )
    assert wait_for_purges(5)
    path = story.get_absolute_url()
    get(cached_site, path)
    assert get(cached_site, path).getheader("X-Cache") == "HIT"

    moderate_comments(
        comments=Comment.objects.filter(pk=comment.pk), status="approved", moderator=None
    )

    deadline = time.monotonic() + 2
    while "Semoga lekas pulih." not in get(cached_site, path).text:
        assert time.monotonic() < deadline, "the approved comment did not show within 2 s"
        time.sleep(0.05)


def test_the_comment_forms_fresh_token_is_never_cached(cached_site):
    path = f"{article().get_absolute_url()}komentar/token/"
    first, second = get(cached_site, path), get(cached_site, path)
    assert first.status == second.status == 200
    assert second.getheader("X-Cache") == "MISS"
    assert first.text != second.text


def test_a_purge_from_elsewhere_is_refused(cached_site):
    path = article().get_absolute_url()
    get(cached_site, path)
    # 127.0.0.2 is this machine too, but not an address in the VCL's purgers ACL.
    refused = get(
        cached_site, "/", method="PURGE", headers={"xkey-purge": "latest"}, source="127.0.0.2"
    )
    assert refused.status == 403
    assert get(cached_site, path).getheader("X-Cache") == "HIT"
    accepted = get(cached_site, "/", method="PURGE", headers={"xkey-purge": "latest"})
    assert accepted.status == 200
    assert get(cached_site, path).getheader("X-Cache") == "MISS"


def test_a_purge_from_a_reader_behind_the_tls_terminator_is_refused(cached_site):
    """The terminator is local, but with the PROXY protocol Varnish sees the reader's address."""
    path = article().get_absolute_url()
    get(cached_site, path)
    with socket.create_connection(
        ("127.0.0.1", cached_site.varnish.proxy_port), timeout=10
    ) as sock:
        sock.sendall(
            b"PROXY TCP4 203.0.113.7 127.0.0.1 51000 443\r\n"
            b"PURGE / HTTP/1.1\r\nHost: news.example.com\r\nxkey-purge: latest\r\n"
            b"Connection: close\r\n\r\n"
        )
        answer = sock.makefile("rb").readline()
    assert answer.startswith(b"HTTP/1.1 403"), answer
    assert get(cached_site, path).getheader("X-Cache") == "HIT"


def test_a_purge_without_keys_is_refused(cached_site):
    assert get(cached_site, "/", method="PURGE").status == 400


def test_stale_pages_are_served_while_the_site_is_down(start_cached_site):
    site = start_cached_site(CACHE_S_MAXAGE="1")
    path = article(headline="Banjir di Jakarta").get_absolute_url()
    assert get(site, path).status == 200
    site.gunicorn.stop()
    time.sleep(1.5)  # the copy is past its s-maxage
    deadline = time.monotonic() + 15
    while True:  # until Varnish's health probe has found the site down
        response = get(site, path)
        if response.status == 200:
            break
        assert time.monotonic() < deadline, f"no stale copy served: {response.status}"
        time.sleep(0.5)
    assert "Banjir di Jakarta" in response.text


def test_a_browser_asking_again_gets_304_from_the_cache(cached_site):
    path = f"/rubrik/{article().section.slug}/"
    first = get(cached_site, path)
    again = get(cached_site, path, headers={"If-None-Match": first.getheader("ETag")})
    assert again.status == 304
    assert again.getheader("X-Cache") == "HIT"
