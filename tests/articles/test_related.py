"""Related news: pins first, then shared tags weighted by rarity and age, then the section."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, RelatedPin, TagUsage
from articles.related import explain_related_articles, related_articles
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def elsewhere(db):
    """A section other than the article's, so the section bonus stays out of the way."""
    return SectionFactory(name="Lain-lain", slug="lain-lain")


def headlines(article, **kwargs):
    return [item.article.headline for item in related_articles(article, **kwargs)]


def test_a_rare_shared_tag_beats_a_common_one(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Langka", "Umum"])
    for index in range(15):
        ArticleFactory(
            section=elsewhere,
            tags=["Umum"],
            published_at=now - timedelta(days=20, minutes=index),
        )
    day_old = now - timedelta(days=1)
    ArticleFactory(
        section=elsewhere, headline="Berbagi tag umum", tags=["Umum"], published_at=day_old
    )
    ArticleFactory(
        section=elsewhere, headline="Berbagi tag langka", tags=["Langka"], published_at=day_old
    )

    assert headlines(article, limit=2) == ["Berbagi tag langka", "Berbagi tag umum"]


def test_at_equal_overlap_the_newer_article_wins(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    ArticleFactory(
        section=elsewhere, headline="Lama", tags=["Iklim"], published_at=now - timedelta(days=9)
    )
    ArticleFactory(
        section=elsewhere, headline="Baru", tags=["Iklim"], published_at=now - timedelta(days=2)
    )

    assert headlines(article) == ["Baru", "Lama"]


def test_the_same_section_wins_a_tie(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    same_time = now - timedelta(days=3)
    ArticleFactory(
        section=elsewhere, headline="Rubrik lain", tags=["Iklim"], published_at=same_time
    )
    ArticleFactory(section=section, headline="Rubrik sama", tags=["Iklim"], published_at=same_time)

    assert headlines(article) == ["Rubrik sama", "Rubrik lain"]


def test_more_shared_tags_beat_fewer(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Iklim", "Energi", "ASEAN"])
    when = now - timedelta(days=1)
    ArticleFactory(section=elsewhere, headline="Satu tag", tags=["Iklim"], published_at=when)
    ArticleFactory(
        section=elsewhere, headline="Tiga tag", tags=["Iklim", "Energi", "ASEAN"], published_at=when
    )

    assert headlines(article)[0] == "Tiga tag"


def test_drafts_scheduled_and_the_article_itself_are_never_related(section, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    ArticleFactory(
        section=section,
        headline="Draf",
        tags=["Iklim"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    ArticleFactory(
        section=section,
        headline="Ditinjau",
        tags=["Iklim"],
        status=Article.Status.REVIEW,
        published_at=None,
    )
    ArticleFactory(
        section=section, headline="Terjadwal", tags=["Iklim"], published_at=now + timedelta(hours=2)
    )
    ArticleFactory(section=section, headline="Terbit", tags=["Iklim"])

    assert headlines(article) == ["Terbit"]


def test_a_scheduled_article_becomes_related_when_its_time_comes(section, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    scheduled = ArticleFactory(
        section=section, headline="Terjadwal", tags=["Iklim"], published_at=now + timedelta(hours=2)
    )
    assert headlines(article) == []

    Article.objects.filter(pk=scheduled.pk).update(published_at=now - timedelta(minutes=1))

    assert headlines(article) == ["Terjadwal"]


def test_unpublishing_in_bulk_removes_an_article_from_related_news(section):
    article = ArticleFactory(section=section, tags=["Iklim"])
    other = ArticleFactory(section=section, headline="Akan ditarik", tags=["Iklim"])
    assert headlines(article) == ["Akan ditarik"]

    Article.objects.filter(pk=other.pk).update(status=Article.Status.DRAFT)

    assert headlines(article) == []


def test_pinned_articles_come_first_in_their_order_then_the_ranking(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    ArticleFactory(section=elsewhere, headline="Peringkat", tags=["Iklim"])
    first = ArticleFactory(
        section=elsewhere, headline="Sematan pertama", published_at=now - timedelta(days=300)
    )
    second = ArticleFactory(section=elsewhere, headline="Sematan kedua")
    hidden = ArticleFactory(
        section=elsewhere, headline="Sematan draf", status=Article.Status.DRAFT, published_at=None
    )
    RelatedPin.objects.create(article=article, pinned=second, order=2)
    RelatedPin.objects.create(article=article, pinned=first, order=1)
    RelatedPin.objects.create(article=article, pinned=hidden, order=0)

    assert headlines(article) == ["Sematan pertama", "Sematan kedua", "Peringkat"]


def test_a_pinned_article_that_also_ranks_appears_once(section):
    article = ArticleFactory(section=section, tags=["Iklim"])
    both = ArticleFactory(section=section, headline="Dua kali?", tags=["Iklim"])
    RelatedPin.objects.create(article=article, pinned=both)

    assert headlines(article) == ["Dua kali?"]


def test_the_newest_of_the_section_fill_up_when_few_share_tags(section, elsewhere, now):
    article = ArticleFactory(section=section, tags=["Iklim"])
    ArticleFactory(section=elsewhere, headline="Berbagi tag", tags=["Iklim"])
    for days in [1, 2, 3, 4]:
        ArticleFactory(
            section=section, headline=f"Rubrik {days}", published_at=now - timedelta(days=days)
        )
    ArticleFactory(section=elsewhere, headline="Rubrik lain tanpa tag")

    assert headlines(article, limit=4) == ["Berbagi tag", "Rubrik 1", "Rubrik 2", "Rubrik 3"]


def test_the_list_is_as_long_as_the_setting_says(section, settings):
    settings.NEWSROOM_RELATED_COUNT = 2
    article = ArticleFactory(section=section, tags=["Iklim"])
    ArticleFactory.create_batch(5, section=section, tags=["Iklim"])

    assert len(related_articles(article)) == 2


def test_explanation_gives_shared_tags_and_scores(section, now):
    article = ArticleFactory(section=section, tags=["Iklim", "Energi", "Politik"])
    ArticleFactory(section=section, headline="Terkait", tags=["Iklim", "Energi"])
    ArticleFactory(section=section, headline="Isian")

    explained = explain_related_articles(article)

    ranked, filler = explained
    assert ranked.kind == "ranked" and ranked.score > 0
    assert sorted(tag.name for tag in ranked.shared_tags) == ["Energi", "Iklim"]
    assert filler.kind == "fallback" and filler.score is None


def test_tag_usage_is_counted_by_the_database(section):
    first = ArticleFactory(section=section, tags=["Iklim", "Energi"])
    ArticleFactory(section=section, tags=["Iklim"])

    counts = dict(TagUsage.objects.values_list("tag__name", "article_count"))
    assert counts == {"Iklim": 2, "Energi": 1}

    first.tags.remove("Iklim")
    first.delete()

    counts = dict(TagUsage.objects.values_list("tag__name", "article_count"))
    assert counts == {"Iklim": 1, "Energi": 0}
