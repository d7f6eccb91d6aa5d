"""Corrections and withdrawals: public, accountable, by editors only (editorial/corrections.py)."""

import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import http_date

from articles.models import Article
from articles.signals import content_changed
from editorial.corrections import add_correction, undo_withdrawal, withdraw_article
from editorial.models import Correction, Withdrawal
from tests.articles.test_admin import article_form
from tests.factories import ArticleFactory, AuthorFactory
from tests.rights import staff_with

pytestmark = pytest.mark.django_db


def admin_url(article, action):
    return reverse(f"admin:articles_article_{action}", args=[article.pk])


def english(url: str) -> str:
    return f"/en{url}"


def news_article_json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    graph = json.loads(found.group(1))["@graph"]
    return next(node for node in graph if node["@type"] == "NewsArticle")


def iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


@pytest.fixture
def sent_keys():
    """The keys of every content_changed sent during the test, one set per signal."""
    sent = []

    def receive(sender, keys, **kwargs):
        sent.append(set(keys))

    content_changed.connect(receive, dispatch_uid="test-corrections")
    # What the fixtures wrote, as if committed: the test's own writes are announced alone.
    transaction.get_connection().run_on_commit = []
    yield sent
    content_changed.disconnect(dispatch_uid="test-corrections")


# --- Corrections on the article page -----------------------------------------------------


def test_a_correction_shows_under_the_body_with_its_date(client, article, editor):
    correction = add_correction(
        article=article, text="Versi sebelumnya salah menyebut tanggal KTT.", editor=editor
    )

    html = client.get(article.get_absolute_url()).text

    body_end = html.index('class="byline"')
    section = html[html.index('id="koreksi"') : body_end]
    assert '<h2 id="corrections-heading">Koreksi</h2>' in section
    assert "Versi sebelumnya salah menyebut tanggal KTT." in section
    assert f'<time datetime="{iso(correction.created_at)}">' in section
    assert html.index('class="article-body"') < html.index('id="koreksi"')
    assert '<a href="/koreksi/">Semua koreksi</a>' in section


def test_the_english_page_heads_the_correction_correction(client, article, editor):
    add_correction(article=article, text="Tanggal KTT diperbaiki.", editor=editor)

    html = client.get(english(article.get_absolute_url())).text

    assert '<h2 id="corrections-heading">Correction</h2>' in html
    assert "Tanggal KTT diperbaiki." in html
    assert "Updated" in html


def test_a_correction_updates_the_page_time_and_the_json_ld(client, article, editor):
    first = add_correction(article=article, text="Koreksi pertama.", editor=editor)
    latest = add_correction(article=article, text="Koreksi <kedua> & terakhir.", editor=editor)
    Correction.objects.filter(pk=latest.pk).update(created_at=timezone.now() + timedelta(minutes=5))
    latest.refresh_from_db()

    response = client.get(article.get_absolute_url())
    html = response.text

    assert response["Last-Modified"] == http_date(latest.created_at.timestamp())
    updated = html[html.index('class="article-updated"') :]
    assert updated.index("Diperbarui") < updated.index(
        f'<time datetime="{iso(latest.created_at)}">'
    )
    news_article = news_article_json_ld(html)
    assert news_article["dateModified"] == iso(latest.created_at)
    assert news_article["datePublished"] == iso(article.published_at)
    assert news_article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Koreksi pertama.",
            "datePublished": iso(first.created_at),
        },
        {
            "@type": "CorrectionComment",
            "text": "Koreksi <kedua> & terakhir.",
            "datePublished": iso(latest.created_at),
        },
    ]
    assert "<kedua>" not in html  # escaped in the page and in the JSON-LD alike


def test_an_article_never_corrected_has_no_correction_and_no_update_time(client, article):
    html = client.get(article.get_absolute_url()).text

    assert 'id="koreksi"' not in html
    assert "Diperbarui" not in html
    news_article = news_article_json_ld(html)
    assert "correction" not in news_article
    assert news_article["dateModified"] == iso(article.updated_at)


def test_the_article_page_with_corrections_is_still_one_query(client, article, editor):
    for text in ["Satu.", "Dua.", "Tiga."]:
        add_correction(article=article, text=text, editor=editor)
    client.get(article.get_absolute_url())  # the shared fragments rendered once

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Tiga." in response.text
    assert len([q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]) == 1


# --- The corrections page ------------------------------------------------------------------


def test_the_corrections_page_lists_corrections_newest_first_with_links(client, section, editor):
    older = ArticleFactory(section=section, headline="Banjir di Jakarta Utara", slug="banjir")
    newer = ArticleFactory(section=section, headline="Harga beras naik", slug="harga-beras")
    hidden = ArticleFactory(section=section, headline="Draf rahasia", slug="draf-rahasia")
    now = timezone.now()
    Correction.objects.create(
        article=older,
        text="Lokasi diperbaiki.",
        created_by=editor,
        created_at=now - timedelta(days=2),
    )
    Correction.objects.create(
        article=newer,
        text="Angka diperbaiki.",
        created_by=editor,
        created_at=now - timedelta(hours=1),
    )
    Correction.objects.create(article=hidden, text="Tak terlihat.", created_by=editor)
    Article.objects.filter(pk=hidden.pk).update(status=Article.Status.DRAFT)

    response = client.get("/koreksi/")

    assert response.status_code == 200
    html = response.text
    assert '<h1 class="list-heading">Koreksi</h1>' in html
    assert html.index("Harga beras naik") < html.index("Banjir di Jakarta Utara")
    assert 'href="/berita/harga-beras/#koreksi-' in html
    assert 'href="/berita/banjir/#koreksi-' in html
    assert "Draf rahasia" not in html and "Tak terlihat." not in html
    assert {"corrections", f"article-{older.pk}", f"article-{newer.pk}"} <= response.surrogate_keys
    assert "public" in response["Cache-Control"]


def test_the_english_corrections_page_links_english_pages(client, article, editor):
    add_correction(article=article, text="Diperbaiki.", editor=editor)

    html = client.get("/en/koreksi/").text

    assert '<h1 class="list-heading">Corrections</h1>' in html
    assert f'href="/en/berita/{article.slug}/#koreksi-' in html


def test_the_corrections_page_is_paginated(client, article, editor, settings):
    page_size = settings.NEWSROOM_PAGE_SIZE
    for index in range(page_size + 1):
        Correction.objects.create(
            article=article,
            text=f"Koreksi nomor {index}.",
            created_by=editor,
            created_at=timezone.now() - timedelta(minutes=index),
        )

    first, second = client.get("/koreksi/"), client.get("/koreksi/?page=2")

    assert "Koreksi nomor 0." in first.text and f"Koreksi nomor {page_size}." not in first.text
    assert f"Koreksi nomor {page_size}." in second.text
    assert client.get("/koreksi/?page=99").status_code == 404


def test_the_corrections_page_says_when_there_is_none(client, db):
    response = client.get("/koreksi/")

    assert response.status_code == 200
    assert "Belum ada koreksi." in response.text


def test_a_correction_announces_its_article_and_the_corrections_page_after_commit(
    article, editor, sent_keys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add_correction(article=article, text="Diperbaiki.", editor=editor)
        assert sent_keys == []  # nothing before the commit

    assert len(sent_keys) == 1
    assert {"corrections", f"article-{article.pk}", "feeds", "sitemaps"} <= sent_keys[0]


# --- Who may correct ----------------------------------------------------------------------


def test_an_editor_adds_a_correction_from_the_article_admin(client, article, editor):
    client.force_login(editor)
    change_page = client.get(admin_url(article, "change")).text
    assert admin_url(article, "correct") in change_page

    response = client.post(admin_url(article, "correct"), {"text": "Nama menteri diperbaiki."})

    assert response.status_code == 302
    correction = Correction.objects.get(article=article)
    assert (correction.text, correction.created_by) == ("Nama menteri diperbaiki.", editor)
    assert "Nama menteri diperbaiki." in client.get(admin_url(article, "change")).text


def test_an_empty_correction_is_a_form_error(client, article, editor):
    client.force_login(editor)

    response = client.post(admin_url(article, "correct"), {"text": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Correction.objects.exists()


def test_a_user_without_the_publish_right_cannot_correct(client, article):
    writer = staff_with("articles.view_article", "articles.change_article")
    client.force_login(writer)

    change_page = client.get(admin_url(article, "change")).text
    crafted_get = client.get(admin_url(article, "correct"))
    crafted_post = client.post(admin_url(article, "correct"), {"text": "Diam-diam."})

    assert admin_url(article, "correct") not in change_page
    assert crafted_get.status_code == crafted_post.status_code == 403
    assert not Correction.objects.exists()
    with pytest.raises(PermissionDenied):
        add_correction(article=article, text="Lewat layanan.", editor=writer)
    assert client.get(reverse("admin:editorial_correction_add")).status_code == 403


def test_only_a_published_article_can_be_corrected(section, editor):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)

    with pytest.raises(ValidationError):
        add_correction(article=draft, text="Belum terbit.", editor=editor)


# --- Withdrawal -----------------------------------------------------------------------------


def test_an_editor_withdraws_an_article_with_a_reason_and_it_is_recorded(client, article, editor):
    client.force_login(editor)
    assert admin_url(article, "withdraw") in client.get(admin_url(article, "change")).text

    refused = client.post(admin_url(article, "withdraw"), {"reason": ""})
    article.refresh_from_db()
    assert refused.status_code == 200 and article.status == Article.Status.PUBLISHED

    before = timezone.now()
    response = client.post(
        admin_url(article, "withdraw"), {"reason": "Sumber mencabut pernyataannya."}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    record = Withdrawal.objects.get(article=article)
    assert record.withdrawn_by == editor
    assert record.reason == "Sumber mencabut pernyataannya."
    assert record.withdrawn_at >= before and record.undone_at is None
    change_page = client.get(admin_url(article, "change")).text
    assert "Sumber mencabut pernyataannya." in change_page
    assert admin_url(article, "undo_withdrawal") in change_page


def test_a_withdrawn_article_answers_410_with_a_notice_and_not_its_text(client, article, editor):
    withdraw_article(article=article, reason="Salah orang.", editor=editor)

    response = client.get(article.get_absolute_url())
    in_english = client.get(english(article.get_absolute_url()))

    assert response.status_code == 410
    assert "Artikel ditarik" in response.text
    assert article.headline not in response.text
    assert "Paragraf pertama berita." not in response.text
    assert "Salah orang." not in response.text  # the reason is the desk's
    assert in_english.status_code == 410 and "Article withdrawn" in in_english.text
    # The same notice for every reader: kept by the HTTP cache until the article's key is purged.
    assert "public" in response["Cache-Control"]
    assert f"article-{article.pk}" in response.surrogate_keys


def test_the_withdrawn_notice_is_the_same_for_editors(client, article, editor):
    withdraw_article(article=article, reason="Salah orang.", editor=editor)
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 410
    assert article.headline not in response.text


PLACES = {
    "home": "/",
    "section": "/rubrik/dunia/",
    "tag": "/tag/banjir/",
    "author": "/penulis/wartawan-a/",
    "search": "/cari/?q=bendungan",
    "rss": "/rss/",
    "atom": "/atom/",
    "section rss": "/rubrik/dunia/rss/",
    "section atom": "/rubrik/dunia/atom/",
    "tag rss": "/tag/banjir/rss/",
    "tag atom": "/tag/banjir/atom/",
    "articles sitemap": "/sitemap-articles.xml",
    "news sitemap": "/news-sitemap.xml",
    "english home": "/en/",
    "english rss": "/en/rss/",
}


@pytest.fixture
def story_and_neighbour(section):
    """A story and another of the same section, tag and author, both published."""
    author = AuthorFactory(name="Wartawan A", slug="wartawan-a")
    story = ArticleFactory(
        section=section,
        headline="Bendungan jebol di hulu sungai",
        slug="bendungan-jebol",
        tags=["Banjir"],
        authors=[author],
    )
    neighbour = ArticleFactory(
        section=section,
        headline="Warga mengungsi dari bantaran",
        slug="warga-mengungsi",
        tags=["Banjir"],
        authors=[author],
        published_at=timezone.now() - timedelta(hours=3),
    )
    return story, neighbour


def where_shown(client, story, neighbour) -> set[str]:
    """The places readers find the story: lists, feeds, sitemaps, search, the neighbour's page."""
    shown = set()
    for name, url in PLACES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        if story.slug in response.text:
            shown.add(name)
    page = client.get(neighbour.get_absolute_url()).context
    if any(link.pk == story.pk for link in page["latest"]):
        shown.add("latest of another article")
    if any(link.pk == story.pk for link in page["related"]):
        shown.add("related of another article")
    return shown


def test_a_withdrawn_article_leaves_every_list_and_comes_back_when_undone(
    client, story_and_neighbour, editor
):
    story, neighbour = story_and_neighbour
    everywhere = {*PLACES, "latest of another article", "related of another article"}
    assert where_shown(client, story, neighbour) == everywhere

    withdraw_article(article=story, reason="Tidak terverifikasi.", editor=editor)

    assert where_shown(client, story, neighbour) == set()

    undo_withdrawal(article=story, editor=editor, note="Sudah diverifikasi.")

    assert where_shown(client, story, neighbour) == everywhere
    assert client.get(story.get_absolute_url()).status_code == 200


def test_a_withdrawn_articles_corrections_leave_the_corrections_page(client, article, editor):
    add_correction(article=article, text="Diperbaiki sekali.", editor=editor)

    withdraw_article(article=article, reason="Ditarik.", editor=editor)

    assert "Diperbaiki sekali." not in client.get("/koreksi/").text


def test_undo_publishes_it_again_at_its_first_time_and_is_recorded(client, article, editor):
    published_at = article.published_at
    withdraw_article(article=article, reason="Keliru.", editor=editor)
    client.force_login(editor)

    response = client.post(admin_url(article, "undo_withdrawal"), {"note": "Ternyata benar."})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == published_at
    record = Withdrawal.objects.get(article=article)
    assert record.undone_by == editor and record.undone_at is not None
    assert record.undo_note == "Ternyata benar."
    # Withdrawn again, it is a second record.
    withdraw_article(article=article, reason="Keliru lagi.", editor=editor)
    assert Withdrawal.objects.filter(article=article).count() == 2


def test_a_user_without_the_publish_right_cannot_withdraw_or_undo(client, article, editor):
    writer = staff_with("articles.view_article", "articles.change_article")
    client.force_login(writer)

    assert admin_url(article, "withdraw") not in client.get(admin_url(article, "change")).text
    assert client.post(admin_url(article, "withdraw"), {"reason": "Diam-diam."}).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED

    withdraw_article(article=article, reason="Oleh redaktur.", editor=editor)
    assert client.post(admin_url(article, "undo_withdrawal"), {"note": ""}).status_code == 403
    with pytest.raises(PermissionDenied):
        undo_withdrawal(article=article, editor=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN


def test_the_article_form_does_not_withdraw_or_restore_without_the_record(editor_client, article):
    data = article_form(
        article.section,
        slug=article.slug,
        status="withdrawn",
        published_at_0=timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        **{"photos-TOTAL_FORMS": "0"},
    )

    response = editor_client.post(admin_url(article, "change"), data)

    assert response.status_code == 200
    assert "Tarik…" in str(response.context["adminform"].form.errors["status"])
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_bulk_publishing_leaves_a_withdrawn_article_withdrawn(editor_client, article, editor):
    withdraw_article(article=article, reason="Keliru.", editor=editor)

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN


def test_a_withdrawn_articles_slug_is_not_given_away_silently(article, editor, section):
    withdraw_article(article=article, reason="Keliru.", editor=editor)
    newcomer = Article(headline="Judul baru", slug=article.slug, section=section)

    with pytest.raises(ValidationError) as refused:
        newcomer.full_clean()

    assert "ditarik" in str(refused.value.message_dict["slug"])


def test_withdrawing_purges_the_article_and_every_list_after_commit(
    client, story_and_neighbour, editor, sent_keys, django_capture_on_commit_callbacks
):
    story, _neighbour = story_and_neighbour
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(story, "withdraw"), {"reason": "Tidak terverifikasi."})
        assert sent_keys == []  # nothing before the commit

    assert len(sent_keys) == 1
    tag_id = story.tags.get().pk
    author_id = story.authors.get().pk
    assert {
        f"article-{story.pk}",
        f"section-{story.section_id}",
        f"tag-{tag_id}",
        f"author-{author_id}",
        "home",
        "latest",
        "feeds",
        "sitemaps",
        "search",
        "corrections",
    } <= sent_keys[0]


def test_a_rolled_back_withdrawal_announces_nothing(
    article, editor, sent_keys, django_capture_on_commit_callbacks
):
    class Abandon(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Abandon),
        transaction.atomic(),
    ):
        withdraw_article(article=article, reason="Batal.", editor=editor)
        raise Abandon

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert sent_keys == []
    assert not Withdrawal.objects.exists()


def test_only_a_published_article_can_be_withdrawn(section, editor):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)

    with pytest.raises(ValidationError):
        withdraw_article(article=draft, reason="Belum terbit.", editor=editor)


def test_the_records_are_listed_for_editors_and_cannot_be_edited(client, article, editor):
    add_correction(article=article, text="Diperbaiki.", editor=editor)
    withdraw_article(article=article, reason="Keliru.", editor=editor)
    client.force_login(editor)

    corrections = client.get(reverse("admin:editorial_correction_changelist"))
    withdrawals = client.get(reverse("admin:editorial_withdrawal_changelist"))

    assert corrections.status_code == withdrawals.status_code == 200
    assert "Diperbaiki." in corrections.text and "Keliru." in withdrawals.text
    record = Withdrawal.objects.get()
    assert (
        client.post(
            reverse("admin:editorial_withdrawal_change", args=[record.pk]), {"reason": "Diubah."}
        ).status_code
        == 403
    )
    record.refresh_from_db()
    assert record.reason == "Keliru."


# --- Valid HTML ---------------------------------------------------------------------------

VNU_JAR = Path(
    os.environ.get("VNU_JAR", "/tmp/tools/node_modules/vnu-jar/build/dist/vnu.jar")  # noqa: S108
)


@pytest.mark.skipif(
    not VNU_JAR.exists() or shutil.which("java") is None,
    reason="the Nu Html Checker (npm install --prefix /tmp/tools vnu-jar, and java) is missing",
)
def test_the_corrections_pages_pass_the_nu_html_checker(client, article, section, editor, tmp_path):
    add_correction(article=article, text="Tanggal <KTT> & tempat\ndiperbaiki.", editor=editor)
    gone = ArticleFactory(section=section, slug="ditarik")
    withdraw_article(article=gone, reason="Keliru.", editor=editor)
    pages = {
        "corrections": "/koreksi/",
        "english-corrections": "/en/koreksi/",
        "corrected-article": article.get_absolute_url(),
        "withdrawn": gone.get_absolute_url(),
    }
    files = []
    for name, url in pages.items():
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(client.get(url).text)

    checked = subprocess.run(  # noqa: S603
        ["java", "-jar", str(VNU_JAR), "--errors-only", *map(str, files)],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert checked.returncode == 0, checked.stderr


def test_an_article_once_corrected_cannot_be_deleted(editor_client, article, editor):
    add_correction(article=article, text="Diperbaiki.", editor=editor)

    response = editor_client.post(admin_url(article, "delete"), {"post": "yes"})

    assert response.context["protected"]  # the admin names the correction that keeps it
    assert Article.objects.filter(pk=article.pk).exists()


def test_articles_never_imports_editorial():
    import articles

    importing = [
        path.name
        for path in Path(articles.__file__).parent.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+editorial\b", path.read_text(), re.MULTILINE)
    ]

    assert importing == []


# --- An article scheduled, not yet visible to readers (visual QA) ---------------------


@pytest.fixture
def scheduled(section):
    return ArticleFactory(
        section=section,
        headline="Embargo: hasil rapat kabinet",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=3),
    )


NOT_YET_VISIBLE = "belum tampil bagi pembaca"


def test_a_scheduled_article_is_neither_withdrawn_nor_corrected(scheduled, editor):
    with pytest.raises(ValidationError, match="kembalikan ke draf"):
        withdraw_article(article=scheduled, reason="Batal terbit.", editor=editor)
    with pytest.raises(ValidationError, match=NOT_YET_VISIBLE):
        add_correction(article=scheduled, text="Salah tanggal.", editor=editor)

    scheduled.refresh_from_db()
    assert scheduled.status == Article.Status.PUBLISHED
    assert not Withdrawal.objects.exists() and not Correction.objects.exists()


def test_the_admin_offers_no_withdrawal_or_correction_of_a_scheduled_article(
    editor_client, scheduled
):
    change_page = editor_client.get(admin_url(scheduled, "change")).text
    assert admin_url(scheduled, "withdraw") not in change_page
    assert admin_url(scheduled, "correct") not in change_page
    assert "Koreksi dan penarikan" in change_page  # the records, without buttons

    response = editor_client.post(
        admin_url(scheduled, "withdraw"), {"reason": "Batal terbit."}, follow=True
    )

    assert NOT_YET_VISIBLE in response.text and "kembalikan ke draf" in response.text
    scheduled.refresh_from_db()
    assert scheduled.status == Article.Status.PUBLISHED


def test_a_withdrawn_article_whose_time_is_to_come_answers_404_not_410(client, scheduled):
    # Not made by the admin any more; one from before, or from a script, keeps its secret.
    Article.objects.filter(pk=scheduled.pk).update(status=Article.Status.WITHDRAWN)

    assert client.get(scheduled.get_absolute_url()).status_code == 404

    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(scheduled.get_absolute_url()).status_code == 410


# --- The withdrawn article's form (visual QA) ------------------------------------------


def test_a_withdrawn_articles_form_offers_only_withdrawn_and_dates_the_record_as_the_admin(
    editor_client, article, editor
):
    record = withdraw_article(article=article, reason="Sumber keliru.", editor=editor)

    response = editor_client.get(admin_url(article, "change"))

    status = response.context["adminform"].form.fields["status"]
    assert list(status.choices) == [("withdrawn", "Ditarik")]
    local = timezone.localtime(record.withdrawn_at)
    assert f"Ditarik {date_format(local, 'DATETIME_FORMAT')} (" in response.text
    assert local.strftime("%Y-%m-%d %H:%M") not in response.text

    data = article_form(
        article.section,
        slug=article.slug,
        status="published",
        based_on_version=str(Article.objects.get(pk=article.pk).version),
        published_at_0=local.strftime("%Y-%m-%d"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        **{"photos-TOTAL_FORMS": "0"},
    )
    refused = editor_client.post(admin_url(article, "change"), data)

    assert refused.status_code == 200
    assert "Batalkan penarikan" in str(refused.context["adminform"].form.errors["status"])
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
