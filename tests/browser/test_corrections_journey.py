"""An editor corrects and withdraws an article in a real browser; a reader sees each at once."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_journeys import log_in, staff_user
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(db):
    return ArticleFactory(
        headline="Rusia dan China sepakati jalur energi baru",
        standfirst="Perjanjian pasokan gas jangka panjang ditandatangani di Moskow.",
        tags=["Energi"],
    )


def test_an_editor_corrects_then_withdraws_an_article_and_undoes_it(
    gunicorn_server, story, new_page, screenshot
):
    staff_user("editor", "Editors")
    lead = story
    article_url = gunicorn_server.url + lead.get_absolute_url()
    editor = new_page(DESKTOP)
    log_in(editor, gunicorn_server, "editor", f"/admin/articles/article/{lead.pk}/change/")

    editor.get_by_role("link", name="Tambahkan koreksi…").click()
    editor.fill("#id_text", "Versi sebelumnya menyebut perjanjian ditandatangani di Beijing.")
    editor.get_by_role("button", name="Terbitkan koreksi").click()
    expect(editor.locator(".messagelist")).to_contain_text("Koreksi diterbitkan")
    screenshot(editor, "corrections-admin-article")

    reader = new_page(PHONE)
    reader.goto(article_url)
    corrections = reader.locator("#koreksi")
    expect(corrections.get_by_role("heading", name="Koreksi")).to_be_visible()
    expect(corrections).to_contain_text("ditandatangani di Beijing")
    expect(reader.locator(".article-updated")).to_contain_text("Diperbarui")
    screenshot(reader, "corrections-article-phone")
    reader.goto(gunicorn_server.url + "/koreksi/")
    reader.get_by_role("link", name=lead.headline).click()
    expect(reader.locator("#koreksi")).to_be_visible()

    editor.get_by_role("link", name="Tarik…").click()
    expect(editor.locator("#id_reason")).to_have_attribute("required", "")  # a reason is asked
    editor.fill("#id_reason", "Narasumber mencabut pernyataannya.")
    editor.get_by_role("button", name="Tarik").click()
    expect(editor.locator(".messagelist")).to_contain_text("ditarik")
    expect(editor.locator(".field-withdrawal_controls")).to_contain_text("Narasumber mencabut")

    # A new reader: the first one's browser may keep the page max-age seconds, by design.
    reader = new_page(PHONE)
    answer = reader.goto(article_url)
    assert answer.status == 410
    expect(reader.get_by_role("heading", name="Artikel ditarik")).to_be_visible()
    expect(reader.locator("body")).not_to_contain_text(lead.headline)
    screenshot(reader, "withdrawn-notice-phone")

    editor.get_by_role("link", name="Batalkan penarikan…").click()
    editor.fill("#id_note", "Pernyataan dikonfirmasi ulang.")
    editor.get_by_role("button", name="Terbitkan kembali").click()
    expect(editor.locator(".messagelist")).to_contain_text("diterbitkan kembali")

    reader = new_page(PHONE)
    assert reader.goto(article_url).status == 200
    expect(reader.locator(".article-headline")).to_have_text(lead.headline)
