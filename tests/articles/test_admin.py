"""The editors' admin: writing an article with a photo, listing, bulk actions."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    image_bytes,
    png_claiming_size,
)
from tests.rights import login_with, offered_actions

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


def article_form(section, **overrides):
    data = {
        "headline": "Gempa kecil guncang pesisir selatan",
        "slug": "gempa-kecil-guncang-pesisir-selatan",
        "standfirst": "Tidak ada kerusakan yang dilaporkan.",
        "section": section.pk,
        "tags": "Gempa, Bencana",
        "dateline_place": "Yogyakarta",
        "source_agencies": "Antara",
        "body": "<p>Gempa berkekuatan kecil terasa pagi ini.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "comments_open": "on",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-caption": "Warga berkumpul di lapangan.",
        "photos-0-credit": "Antara/Fotografer Kami",
        "photos-0-alt_text": "Warga berdiri di lapangan terbuka",
        "photos-0-order": "0",
        "photos-0-is_lead": "on",
        "related_pins-TOTAL_FORMS": "0",
        "related_pins-INITIAL_FORMS": "0",
        "related_pins-MIN_NUM_FORMS": "0",
        "related_pins-MAX_NUM_FORMS": "1000",
        "based_on_version": "1",  # the version a change form opened on a new article carries
    }
    data.update(overrides)
    return data


def photo_file(content=None, name="gempa.jpg"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type="image/jpeg")


def test_editor_adds_an_article_with_a_lead_photo(editor_client, section):
    author = AuthorFactory()

    response = editor_client.post(
        ADD_URL,
        article_form(section, authors=[author.pk], **{"photos-0-image": photo_file()}),
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert article.status == Article.Status.DRAFT
    assert sorted(tag.name for tag in article.tags.all()) == ["Bencana", "Gempa"]
    assert list(article.authors.all()) == [author]
    lead = article.lead_photo
    assert lead.credit == "Antara/Fotografer Kami"
    assert lead.is_lead and lead.renditions


def test_editor_edits_an_article_and_publishes_it(editor_client, section):
    article = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200

    response = editor_client.post(
        url,
        article_form(
            section,
            headline="Judul yang diperbaiki",
            slug=article.slug,
            status="published",
            **{"photos-TOTAL_FORMS": "0"},
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Judul yang diperbaiki"
    assert article.is_published()


def test_an_upload_that_is_not_an_image_is_a_form_error(editor_client, section):
    response = editor_client.post(
        ADD_URL, article_form(section, **{"photos-0-image": photo_file(b"<?php evil(); ?>")})
    )

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["image"]
    assert not Article.objects.exists()


def test_a_decompression_bomb_upload_is_a_form_error(editor_client, section):
    bomb = photo_file(png_claiming_size(60_000, 60_000), name="bom.png")
    response = editor_client.post(ADD_URL, article_form(section, **{"photos-0-image": bomb}))

    assert response.status_code == 200
    assert "image" in response.context["inline_admin_formsets"][0].formset.errors[0]


def test_a_photo_without_alt_text_is_a_form_error(editor_client, section):
    response = editor_client.post(
        ADD_URL,
        article_form(section, **{"photos-0-image": photo_file(), "photos-0-alt_text": ""}),
    )

    assert response.status_code == 200
    assert "alt_text" in response.context["inline_admin_formsets"][0].formset.errors[0]


def test_two_lead_photos_are_a_form_error_not_a_crash(editor_client, section):
    data = article_form(
        section,
        **{
            "photos-TOTAL_FORMS": "2",
            "photos-0-image": photo_file(),
            "photos-1-image": photo_file(name="dua.jpg"),
            "photos-1-alt_text": "Foto kedua",
            "photos-1-order": "1",
            "photos-1-is_lead": "on",
        },
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors()


def test_a_duplicate_slug_is_a_form_error(editor_client, section):
    ArticleFactory(slug="gempa-kecil-guncang-pesisir-selatan")

    response = editor_client.post(ADD_URL, article_form(section, **{"photos-TOTAL_FORMS": "0"}))

    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors


def test_article_list_shows_columns_filters_and_thumbnails_in_few_queries(
    editor_client, section, django_assert_max_num_queries
):
    authors = AuthorFactory.create_batch(2)
    for index in range(5):
        article = ArticleFactory(
            section=section if index % 2 else SectionFactory(),
            authors=authors[index % 2 :],
            tags=[f"Tag {index}"],
        )
        PhotoFactory(article=article, is_lead=True)

    with django_assert_max_num_queries(20):
        response = editor_client.get(reverse("admin:articles_article_changelist"))

    assert response.status_code == 200
    assert response.text.count("<img") >= 5
    filters = {
        getattr(spec, "field_path", None) or spec.parameter_name
        for spec in response.context["cl"].filter_specs
    }
    assert {"status", "section", "authors", "tag"} <= filters


def test_list_filters_and_search_work(editor_client, section):
    tagged = ArticleFactory(section=section, headline="Banjir bandang", tags=["Banjir"])
    ArticleFactory(section=section, headline="Pemilu daerah")
    url = reverse("admin:articles_article_changelist")

    by_tag = editor_client.get(url, {"tag": "banjir"})
    by_search = editor_client.get(url, {"q": "banjir"})
    by_status = editor_client.get(url, {"status__exact": "draft"})

    assert list(by_tag.context["cl"].result_list) == [tagged]
    assert list(by_search.context["cl"].result_list) == [tagged]
    assert list(by_status.context["cl"].result_list) == []


def test_bulk_publish_dates_untimed_articles_and_keeps_scheduled_times(editor_client, section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    later = timezone.now() + timezone.timedelta(days=3)
    scheduled = ArticleFactory(section=section, status=Article.Status.REVIEW, published_at=later)

    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
    )

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_published()
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.published_at == later
    assert scheduled.is_scheduled


def test_bulk_unpublish_returns_articles_to_draft(editor_client, client, article):
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_view_on_site_previews_a_draft_for_staff(editor_client, section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    change_page = editor_client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert "viewsitelink" in change_page.text

    response = editor_client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert draft.headline in response.text


def test_editors_group_has_every_article_right_and_moderators_none():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")

    codenames = set(editors.permissions.values_list("codename", flat=True))
    for model in ["article", "photo", "section", "author", "tag"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"{action}_{model}" in codenames
    assert not moderators.permissions.filter(content_type__app_label="articles").exists()


# Every bulk action checks the rights it needs: a user without them is not offered it,
# and posting it anyway changes nothing.

ARTICLES = reverse("admin:articles_article_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def post_action(client, url, action, objects, **extra):
    return client.post(
        url, {"action": action, "_selected_action": [o.pk for o in objects], **extra}
    )


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", Article.Status.DRAFT, Article.Status.PUBLISHED),
        ("unpublish", "published", "draft"),
    ],
)
def test_publishing_actions_need_the_publish_right(client, section, action, before, after):
    article = ArticleFactory(section=section, status=before)

    for rights in [
        ["articles.view_article", "articles.publish_article"],
        ["articles.view_article", "articles.change_article"],  # a reporter's: writing only
    ]:
        user = login_with(client, *rights)
        assert action not in offered_actions(user, ARTICLES)
        post_action(user, ARTICLES, action, [article])
        article.refresh_from_db()
        assert article.status == before

    publisher = login_with(
        client, "articles.view_article", "articles.change_article", "articles.publish_article"
    )
    assert action in offered_actions(publisher, ARTICLES)
    post_action(publisher, ARTICLES, action, [article])
    article.refresh_from_db()
    assert article.status == after


@pytest.mark.parametrize(
    "rights",
    [
        ["taggit.view_tag"],
        ["taggit.view_tag", "taggit.change_tag"],
        ["taggit.view_tag", "taggit.delete_tag"],
    ],
    ids=["view", "view-change", "view-delete"],
)
def test_merging_tags_needs_the_change_and_delete_rights(client, section, rights):
    ArticleFactory(section=section, tags=["Banjir"])
    ArticleFactory(section=section, tags=["Banjir", "banjir bandang"])
    tags = list(Tag.objects.all())

    user = login_with(client, *rights)
    assert "merge_tags" not in offered_actions(user, TAGS)
    post_action(user, TAGS, "merge_tags", tags)

    assert Tag.objects.count() == 2
    assert TaggedArticle.objects.count() == 3


def test_a_user_with_the_tag_rights_merges_tags(client, section):
    ArticleFactory(section=section, tags=["Banjir"])
    both = ArticleFactory(section=section, tags=["Banjir", "banjir bandang"])
    tags = list(Tag.objects.all())

    user = login_with(client, "taggit.view_tag", "taggit.change_tag", "taggit.delete_tag")
    assert "merge_tags" in offered_actions(user, TAGS)
    post_action(user, TAGS, "merge_tags", tags)

    assert list(Tag.objects.values_list("name", flat=True)) == ["Banjir"]
    assert [tag.name for tag in both.tags.all()] == ["Banjir"]


DELETABLE = {
    "article": lambda: ArticleFactory(),
    "section": lambda: SectionFactory(),
    "author": lambda: AuthorFactory(),
    "tag": lambda: Tag.objects.create(name="Cuaca", slug="cuaca"),
}


@pytest.mark.parametrize("model", DELETABLE)
def test_deleting_in_bulk_needs_the_delete_right(client, model):
    app_label = "taggit" if model == "tag" else "articles"
    changelist = reverse(f"admin:{app_label}_{model}_changelist")
    thing = DELETABLE[model]()
    model_class = type(thing)

    # Who may not publish sees only their own articles (editorial/workflow.py).
    seeing = ["articles.publish_article"] if model == "article" else []
    changer = login_with(
        client, f"{app_label}.view_{model}", f"{app_label}.change_{model}", *seeing
    )
    assert "delete_selected" not in offered_actions(changer, changelist)
    post_action(changer, changelist, "delete_selected", [thing], post="yes")
    assert model_class.objects.filter(pk=thing.pk).exists()

    deleter = login_with(
        client, f"{app_label}.view_{model}", f"{app_label}.delete_{model}", *seeing
    )
    assert "delete_selected" in offered_actions(deleter, changelist)
    post_action(deleter, changelist, "delete_selected", [thing], post="yes")
    assert not model_class.objects.filter(pk=thing.pk).exists()


def pin_form(pinned, index=0, **overrides):
    return {
        "related_pins-TOTAL_FORMS": str(index + 1),
        "related_pins-INITIAL_FORMS": "0",
        "related_pins-MIN_NUM_FORMS": "0",
        "related_pins-MAX_NUM_FORMS": "1000",
        f"related_pins-{index}-pinned": pinned.pk,
        f"related_pins-{index}-order": "0",
        **overrides,
    }


def test_a_user_who_may_only_view_articles_changes_nothing_through_the_form(client, section):
    article = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    other = ArticleFactory(section=section)
    url = reverse("admin:articles_article_change", args=[article.pk])
    login_with(
        client,
        "articles.view_article",
        "articles.view_photo",
        "articles.view_relatedpin",
        "articles.publish_article",  # else they would see only their own articles
    )
    assert client.get(url).status_code == 200

    data = article_form(
        section, slug=article.slug, status="published", **{"photos-0-image": photo_file()}
    )
    response = client.post(url, {**data, **pin_form(other)})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not article.photos.exists() and not article.related_pins.exists()


def test_photos_and_pins_need_their_own_rights(client, section):
    article = ArticleFactory(section=section)
    other = ArticleFactory(section=section)
    url = reverse("admin:articles_article_change", args=[article.pk])
    login_with(
        client, "articles.view_article", "articles.change_article", "articles.publish_article"
    )
    page = client.get(url)
    assert [inline.formset.prefix for inline in page.context["inline_admin_formsets"]] == []

    data = article_form(
        section, headline="Judul baru", slug=article.slug, **{"photos-0-image": photo_file()}
    )
    response = client.post(url, {**data, **pin_form(other)})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Judul baru"
    assert not article.photos.exists() and not article.related_pins.exists()


def test_reordering_sections_in_the_list_needs_the_change_right(client):
    section = SectionFactory(order=5)
    changelist = reverse("admin:articles_section_changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": section.pk,
        "form-0-order": "1",
        "_save": "Simpan",
    }

    login_with(client, "articles.view_section")
    assert client.post(changelist, data).status_code == 403
    section.refresh_from_db()
    assert section.order == 5

    login_with(client, "articles.view_section", "articles.change_section")
    assert client.post(changelist, data).status_code == 302
    section.refresh_from_db()
    assert section.order == 1
