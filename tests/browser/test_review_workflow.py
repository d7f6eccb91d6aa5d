"""A reporter submits a story, an editor finds it waiting and publishes it: in a real browser."""

import pytest
from playwright.sync_api import expect

from editorial.roles import sync_editorial_roles
from tests.browser.conftest import DESKTOP
from tests.browser.test_journeys import log_in, staff_user
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Nelayan Cilacap pulang dengan tangkapan melimpah"


def test_a_reporter_submits_and_an_editor_publishes_from_the_review_queue(
    gunicorn_server, new_page
):
    SectionFactory(name="Dunia", slug="dunia")
    sync_editorial_roles(None)  # the Reporters group, as every migrate makes it
    staff_user("reporter", "Reporters")
    staff_user("editor", "Editors")

    page = new_page(DESKTOP)
    log_in(page, gunicorn_server, "reporter", "/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially(HEADLINE)
    page.locator("#id_section + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Dun")
    page.locator(".select2-results__option", has_text="Dunia").click()
    page.wait_for_function("CKEDITOR?.instances?.id_body?.status === 'ready'")
    page.evaluate("CKEDITOR.instances.id_body.setData('<p>Harga ikan turun di pasar.</p>')")
    expect(page.locator("#id_status option")).to_have_text(["Draf", "Dalam peninjauan"])
    expect(page.locator("#id_published_at_0")).to_have_count(0)
    page.select_option("#id_status", "review")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text(HEADLINE)
    expect(page.locator("select[name=action] option[value=publish]")).to_have_count(0)

    desk = new_page(DESKTOP)
    log_in(desk, gunicorn_server, "editor")
    desk.get_by_role("link", name="1 artikel menunggu peninjauan").click()
    row = desk.locator("#result_list tbody tr", has_text=HEADLINE)
    expect(desk.locator("#result_list tbody tr")).to_have_count(1)
    expect(row).to_contain_text("reporter")
    row.locator("input.action-select").check()
    desk.select_option("select[name=action]", "publish")
    desk.locator("button[name=index]").click()
    expect(desk.locator(".messagelist")).to_contain_text("1 artikel diterbitkan")
    expect(desk.get_by_text("menunggu peninjauan")).to_have_count(0)

    reader = new_page(DESKTOP)
    reader.goto(gunicorn_server.url + "/")
    expect(reader.get_by_role("link", name=HEADLINE).first).to_be_visible()
