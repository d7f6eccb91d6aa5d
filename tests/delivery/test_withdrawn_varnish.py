"""A withdrawal and its undoing through a real Varnish with the shipped VCL."""

import time

from delivery.purge import wait_for_purges
from editorial.corrections import undo_withdrawal, withdraw_article
from tests.delivery.varnish import get
from tests.factories import ArticleFactory, SectionFactory
from tests.rights import staff_with


def status_within_two_seconds(site, path, wanted):
    deadline = time.monotonic() + 2
    while (answer := get(site, path)).status != wanted:
        assert time.monotonic() < deadline, f"{path} still answers {answer.status} through Varnish"
        time.sleep(0.05)
    return answer


def test_a_withdrawal_purges_the_page_and_its_notice_is_cached_until_undone(cached_site, settings):
    settings.CACHE_PURGER = "varnish"
    settings.CACHE_PURGE_URLS = [cached_site.url]
    editor = staff_with("articles.publish_article")
    story = ArticleFactory(
        section=SectionFactory(name="Dunia", slug="dunia"), headline="Kabar yang keliru"
    )
    assert wait_for_purges(5)
    path = story.get_absolute_url()
    get(cached_site, path)
    assert get(cached_site, path).getheader("X-Cache") == "HIT"

    withdraw_article(article=story, reason="Tidak terverifikasi.", editor=editor)

    notice = status_within_two_seconds(cached_site, path, 410)
    assert "Kabar yang keliru" not in notice.text
    again = get(cached_site, path)
    assert again.status == 410 and again.getheader("X-Cache") == "HIT"

    undo_withdrawal(article=story, editor=editor)

    page = status_within_two_seconds(cached_site, path, 200)
    assert "Kabar yang keliru" in page.text
