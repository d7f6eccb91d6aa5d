"""Tag pages and tag hygiene in the admin."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, TaggedArticle, TagUsage
from tests.articles.test_admin import ADD_URL, article_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def post_tags(editor_client, section, tags):
    return editor_client.post(
        ADD_URL, article_form(section, tags=tags, **{"photos-TOTAL_FORMS": "0"})
    )


def tag_errors(response):
    return response.context["adminform"].form.errors.get("tags")


def test_tag_page_lists_published_articles_with_the_tag_paginated(client, section, settings):
    for index in range(settings.NEWSROOM_PAGE_SIZE + 1):
        ArticleFactory(section=section, headline=f"Iklim {index}", tags=["Iklim"])
    ArticleFactory(
        section=section,
        headline="Draf iklim",
        tags=["Iklim"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    ArticleFactory(section=section, headline="Tanpa tag itu", tags=["Energi"])
    url = reverse("articles:tag", kwargs={"slug": "iklim"})

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["articles"]) == settings.NEWSROOM_PAGE_SIZE
    assert len(second.context["articles"]) == 1
    assert "Draf iklim" not in first.text + second.text
    assert "Tanpa tag itu" not in first.text + second.text


@pytest.mark.parametrize(
    "tags",
    ["x" * 101, "Ekonomi, " + "y" * 150],
    ids=["one long tag", "a long tag among others"],
)
def test_a_tag_over_the_length_limit_is_a_form_error(editor_client, section, tags):
    response = post_tags(editor_client, section, tags)

    assert response.status_code == 200
    assert "limit" in str(tag_errors(response)) or "batas" in str(tag_errors(response))
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "tags", ["!!!", "Ekonomi, ---", '"?!"', "Ekonomi, , Politik", ", Ekonomi", '""']
)
def test_an_empty_or_punctuation_only_tag_is_a_form_error(editor_client, section, tags):
    response = post_tags(editor_client, section, tags)

    assert response.status_code == 200
    assert tag_errors(response)
    assert not Tag.objects.exists()


def test_tags_are_case_insensitive(editor_client, section):
    ArticleFactory(section=section, tags=["Ekonomi"])

    response = post_tags(editor_client, section, "ekonomi, EKONOMI, Pasar")

    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert sorted(tag.name for tag in article.tags.all()) == ["Ekonomi", "Pasar"]
    assert Tag.objects.filter(name__iexact="ekonomi").count() == 1


def test_unicode_tags_are_welcome(editor_client, section):
    response = post_tags(editor_client, section, "Café, Ḍaérah, 北京")

    assert response.status_code == 302
    assert Tag.objects.count() == 3


def test_merge_tags_moves_articles_onto_the_most_used_tag(editor_client, section):
    both = ArticleFactory(section=section, tags=["Pemilu", "Pilkada"])
    ArticleFactory(section=section, tags=["Pemilu"])
    only_old = ArticleFactory(section=section, tags=["Pilkada"])
    ArticleFactory(section=section, tags=["pemilihan umum"])
    ArticleFactory(section=section, tags=["Pemilu"])
    selected = Tag.objects.filter(name__in=["Pemilu", "Pilkada", "pemilihan umum"])

    response = editor_client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "merge_tags", "_selected_action": [tag.pk for tag in selected]},
    )

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Pemilu"]
    assert list(both.tags.names()) == ["Pemilu"]
    assert list(only_old.tags.names()) == ["Pemilu"]
    assert TaggedArticle.objects.count() == 5
    assert TagUsage.objects.get(tag__name="Pemilu").article_count == 5


def test_the_tag_box_quotes_only_names_with_commas(editor_client, section):
    article = ArticleFactory(section=section, tags=["Energi Terbarukan", "Jakarta, Pusat", "Iklim"])

    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    tag_box = page.context["adminform"].form["tags"].as_widget()
    assert 'value="Energi Terbarukan, Iklim, &quot;Jakarta, Pusat&quot;"' in tag_box


def test_the_tag_box_offers_the_most_used_tags(editor_client, section):
    ArticleFactory.create_batch(3, section=section, tags=["Iklim"])
    ArticleFactory(section=section, tags=["Langka"])

    page = editor_client.get(ADD_URL)

    picker = page.text[page.text.index("data-tag-picker-for") :]
    assert picker.index('data-tag="Iklim"') < picker.index('data-tag="Langka"')
    assert "js/tag_picker.js" in page.text
