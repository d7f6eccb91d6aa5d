"""Two editors on one article, in two browsers: presence, the refused save, nothing lost."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import DESKTOP
from tests.browser.test_journeys import log_in, staff_user
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server_with_short_presence(transactional_db):
    """The site with an 18-second presence window, so that the page's heartbeat comes every 6 s."""
    from tests.server import GunicornServer

    server = GunicornServer(workers=3, environment={"PRESENCE_MINUTES": "0.3"})
    yield server
    server.stop()


def editor(username, first_name, last_name):
    user = staff_user(username, "Editors")
    user.first_name, user.last_name = first_name, last_name
    user.save()
    return user


def open_article(page, server, username, article):
    log_in(page, server, username, f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator("#id_headline")).to_have_value(article.headline)
    page.wait_for_function("CKEDITOR?.instances?.id_body?.status === 'ready'")


def test_two_editors_the_second_save_is_refused_with_its_text_kept_then_saved_on_purpose(
    server_with_short_presence, new_page, screenshot
):
    server = server_with_short_presence
    article = ArticleFactory(
        section=SectionFactory(name="Dunia", slug="dunia"),
        headline="Banjir rendam pesisir utara",
        standfirst="Ratusan rumah tergenang.",
        tags=["Banjir"],
    )
    PhotoFactory(article=article, is_lead=True, caption="Warga mengungsi.")
    editor("andi", "Andi", "Wijaya")
    editor("budi", "Budi", "Santoso")

    page_a, page_b = new_page(DESKTOP), new_page(DESKTOP)
    open_article(page_a, server, "andi", article)
    open_article(page_b, server, "budi", article)

    # Each sees the other: B at once, A at A's page's next heartbeat.
    expect(page_b.locator(".editing-presence")).to_have_text("Sedang disunting oleh Andi Wijaya")
    expect(page_a.locator(".editing-presence")).to_have_text(
        "Sedang disunting oleh Budi Santoso", timeout=15_000
    )

    page_a.fill("#id_headline", "Banjir rob rendam pesisir utara Jakarta")
    page_a.click("input[name=_continue]")
    expect(page_a.locator(".messagelist .success")).to_be_visible()

    page_b.fill("#id_standfirst", "Air laut pasang menggenangi ratusan rumah.")
    page_b.fill("#id_tags", "Banjir, Rob")
    page_b.fill("#id_photos-0-caption", "Warga mengungsi ke masjid terdekat.")
    page_b.evaluate("CKEDITOR.instances.id_body.setData('<p>Tulisan Budi yang baru.</p>')")
    page_b.click("input[name=_continue]")

    refusal = page_b.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text(
        re.compile(r"Artikel ini sudah disimpan oleh Andi Wijaya pada .*setelah Anda membukanya")
    )
    expect(refusal).to_contain_text("Banjir rob rendam pesisir utara Jakarta")
    expect(page_b.locator("#id_headline")).to_have_value("Banjir rendam pesisir utara")
    expect(page_b.locator("#id_standfirst")).to_have_value(
        "Air laut pasang menggenangi ratusan rumah."
    )
    expect(page_b.locator("#id_tags")).to_have_value("Banjir, Rob")
    expect(page_b.locator("#id_photos-0-caption")).to_have_value(
        "Warga mengungsi ke masjid terdekat."
    )
    page_b.wait_for_function("CKEDITOR?.instances?.id_body?.status === 'ready'")
    assert "Tulisan Budi yang baru." in page_b.evaluate("CKEDITOR.instances.id_body.getData()")
    screenshot(page_b, "edit-conflict-refused")
    article.refresh_from_db()
    assert article.headline == "Banjir rob rendam pesisir utara Jakarta"
    assert article.standfirst == "Ratusan rumah tergenang."

    # B looks at A's version in a new tab, then keeps their own on purpose.
    with page_b.context.expect_page() as opened:
        refusal.get_by_role("link", name="buka versi mereka di tab baru").click()
    theirs = opened.value
    expect(theirs.locator("#id_headline")).to_have_value("Banjir rob rendam pesisir utara Jakarta")
    theirs.close()

    page_b.fill("#id_headline", "Banjir rob rendam pesisir utara Jakarta")
    page_b.click("input[name=_continue]")
    expect(page_b.locator(".messagelist .success")).to_be_visible()
    article.refresh_from_db()
    assert article.headline == "Banjir rob rendam pesisir utara Jakarta"
    assert article.standfirst == "Air laut pasang menggenangi ratusan rumah."
    assert sorted(tag.name for tag in article.tags.all()) == ["Banjir", "Rob"]
    assert article.photos.get().caption == "Warga mengungsi ke masjid terdekat."
    assert "Tulisan Budi yang baru." in article.body
    assert article.updated_by.username == "budi"
    assert article.version == 3
    assert Article.objects.count() == 1
