"""Readers, editors and moderators, in a real browser against a real server."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def newsroom(db):
    """A small newsroom: two sections, related stories sharing tags, each with a lead photo."""
    world = SectionFactory(name="Dunia", slug="dunia")
    economy = SectionFactory(name="Ekonomi", slug="ekonomi")
    lead = ArticleFactory(
        section=world,
        headline="Rusia dan China sepakati jalur energi baru",
        standfirst="Perjanjian pasokan gas jangka panjang ditandatangani di Moskow.",
        tags=["Energi", "Diplomasi"],
        is_featured=True,
    )
    related = ArticleFactory(
        section=economy,
        headline="Harga gas dunia turun setelah kesepakatan energi",
        tags=["Energi"],
    )
    for article in (lead, related):
        PhotoFactory(article=article, is_lead=True, alt_text=f"Foto untuk {article.headline}")
    return {"lead": lead, "related": related, "world": world}


def staff_user(username, group):
    # The groups come back with every flush of a transactional test: flush sends
    # post_migrate, which the roles follow (articles/roles.py).
    user = UserFactory(username=username, is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, server, username, next_path="/admin/"):
    page.goto(f"{server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def send_comment_as_reader(page, body):
    page.fill("#id_name", "Siti Rahma")
    page.fill("#id_email", "siti@example.com")
    page.fill("#id_body", body)
    page.get_by_role("button", name="Kirim komentar").click()
    expect(page.locator("#komentar-form")).to_contain_text("moderator")


def test_a_reader_reads_follows_related_news_searches_and_comments(
    gunicorn_server, newsroom, new_page, screenshot
):
    lead, related = newsroom["lead"], newsroom["related"]
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page = new_page(viewport)
        page.goto(gunicorn_server.url + "/")
        expect(page.locator("main")).to_contain_text(lead.headline)
        screenshot(page, f"home-{name}")
        page.goto(gunicorn_server.url + lead.get_absolute_url())
        screenshot(page, f"article-{name}")

    page = new_page(DESKTOP)
    page.goto(gunicorn_server.url + "/")
    page.get_by_role("link", name=lead.headline).first.click()
    expect(page.locator("h1")).to_have_text(lead.headline)
    expect(page.locator(".article-body")).to_contain_text(
        "Moskow, Rusia (Xinhua/Indonesia Window) –"
    )
    expect(page.locator(".byline")).to_contain_text("Laporan: Redaksi")

    page.locator("[aria-labelledby=related-heading]").get_by_role(
        "link", name=related.headline
    ).click()
    expect(page.locator("h1")).to_have_text(related.headline)

    search = page.get_by_role("searchbox")
    search.fill("kesepakatan energi")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q="))
    expect(page.locator("main")).to_contain_text(related.headline)

    page.goto(gunicorn_server.url + lead.get_absolute_url())
    send_comment_as_reader(page, "Semoga harga energi ikut turun.")
    expect(page.locator(".comment-list")).to_have_count(0)


def test_a_reader_switches_to_english_reads_searches_comments_and_switches_back(
    gunicorn_server, newsroom, new_page
):
    lead, related = newsroom["lead"], newsroom["related"]
    page = new_page(DESKTOP)
    page.goto(gunicorn_server.url + lead.get_absolute_url())

    page.locator(".language-switch").get_by_role("link", name="English").click()
    expect(page).to_have_url(gunicorn_server.url + "/en" + lead.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(lead.headline)
    expect(page.get_by_role("heading", name="Related news")).to_be_visible()
    assert not page.context.cookies()  # the address says the language, no cookie

    page.locator("[aria-labelledby=related-heading]").get_by_role(
        "link", name=related.headline
    ).click()
    expect(page).to_have_url(gunicorn_server.url + "/en" + related.get_absolute_url())
    search = page.get_by_role("searchbox")
    search.fill("kesepakatan energi")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/cari/\?q="))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text(related.headline)

    page.get_by_role("link", name=related.headline).first.click()
    page.fill("#id_name", "Siti Rahma")
    page.fill("#id_email", "siti@example.com")
    page.fill("#id_body", "Good news for gas prices.")
    page.get_by_role("button", name="Send comment").click()
    expect(page).to_have_url(re.compile("/en" + re.escape(related.get_absolute_url()) + r"\?"))
    expect(page.locator("#komentar-form")).to_contain_text("moderator")

    page.locator(".language-switch").get_by_role("link", name="Bahasa Indonesia").click()
    back = gunicorn_server.url + related.get_absolute_url()
    expect(page).to_have_url(re.compile(re.escape(back)))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Berita Terkait")).to_be_visible()


def test_an_editor_writes_an_article_with_a_photo_publishes_it_and_finds_it_on_the_home_page(
    gunicorn_server, newsroom, new_page, tmp_path
):
    staff_user("editor", "Editors")
    photo = tmp_path / "banjir.jpg"
    photo.write_bytes(image_bytes(size=(1200, 800), color=(20, 110, 160)))
    page = new_page(DESKTOP)

    log_in(page, gunicorn_server, "editor", "/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Banjir rob rendam pesisir utara Jakarta")
    expect(page.locator("#id_slug")).to_have_value("banjir-rob-rendam-pesisir-utara-jakarta")
    page.fill("#id_standfirst", "Air laut pasang menggenangi ratusan rumah warga.")
    page.locator("#id_section + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Dun")
    page.locator(".select2-results__option", has_text="Dunia").click()
    page.fill("#id_tags", "Banjir, Jakarta")
    page.locator("[data-tag-picker-for] [data-tag=Energi]").click()
    expect(page.locator("#id_tags")).to_have_value("Banjir, Jakarta, Energi")
    page.fill("#id_dateline_place", "Jakarta")
    page.wait_for_function("CKEDITOR?.instances?.id_body?.status === 'ready'")
    page.evaluate(
        "CKEDITOR.instances.id_body.setData('<p>Warga mengungsi ke masjid terdekat.</p>')"
    )
    page.set_input_files("#id_photos-0-image", str(photo))
    page.fill("#id_photos-0-caption", "Warga melintasi genangan air laut.")
    page.fill("#id_photos-0-credit", "Newsroom/Fotografer Kami")
    page.fill("#id_photos-0-alt_text", "Jalan kampung tergenang air setinggi lutut")
    page.check("#id_photos-0-is_lead")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Banjir rob rendam pesisir utara Jakarta")

    reader = new_page(DESKTOP)
    reader.goto(gunicorn_server.url + "/")
    reader.get_by_role("link", name="Banjir rob rendam pesisir utara Jakarta").first.click()
    expect(reader.locator(".article-body")).to_contain_text("Warga mengungsi ke masjid terdekat.")
    expect(
        reader.get_by_role("img", name="Jalan kampung tergenang air setinggi lutut")
    ).to_be_visible()


def test_a_moderator_approves_a_comment_and_the_reader_sees_it(gunicorn_server, newsroom, new_page):
    staff_user("moderator", "Moderators")
    article_url = gunicorn_server.url + newsroom["lead"].get_absolute_url()
    reader = new_page(PHONE)
    reader.goto(article_url)
    send_comment_as_reader(reader, "Liputan yang jernih, terima kasih.")

    moderator = new_page(DESKTOP)
    log_in(moderator, gunicorn_server, "moderator", "/admin/comments/comment/")
    row = moderator.locator("#result_list tbody tr", has_text="Liputan yang jernih")
    row.locator("input.action-select").check()
    moderator.select_option("select[name=action]", "approve")
    moderator.locator("button[name=index]").click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 komentar disetujui")

    reader.goto(article_url)
    # The browser may keep the page it read a moment ago (max-age): the reader refreshes.
    reader.reload()
    expect(reader.locator(".comment-list")).to_contain_text("Liputan yang jernih, terima kasih.")
    expect(reader.locator(".comments-count")).to_have_text("1 komentar")


def test_a_reader_who_starts_writing_gets_a_token_made_now(gunicorn_server, newsroom, new_page):
    """The page may come from the HTTP cache, a minute old: the form asks for a token of its own."""
    page = new_page(DESKTOP)
    page.goto(gunicorn_server.url + newsroom["lead"].get_absolute_url())
    token = page.locator("#komentar-form input[name=token]")
    from_the_page = token.input_value()

    page.locator("#id_name").focus()

    expect(token).not_to_have_value(from_the_page)
    send_comment_as_reader(page, "Ditulis dengan token yang baru.")
