"""The seed_demo command: fill the site with invented Indonesian demo news."""

import zlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_content
from articles.demo_content import (
    DemoArticle,
    DemoAuthor,
    DemoPhoto,
    DemoSection,
    Palette,
    draw_photo,
)
from articles.models import Article, Author, Photo, Section


class Command(BaseCommand):
    help = (
        "Create demo sections, authors and Indonesian articles with drawn photos. "
        "Articles that already exist (by slug) are left alone, so it is safe to run again."
    )

    def handle(self, *args, **options):
        created, present = seed_demo_content()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {created} articles created, {present} already present."
            )
        )


@transaction.atomic
def seed_demo_content() -> tuple[int, int]:
    """Create the demo content that is missing; return (created, already present)."""
    # Whole minutes read better in the admin than the seconds of the moment of seeding.
    now = timezone.now().replace(second=0, microsecond=0)
    sections = {demo.slug: ensure_section(demo) for demo in demo_content.SECTIONS}
    palettes = {demo.slug: demo.palette for demo in demo_content.SECTIONS}
    authors = {demo.slug: ensure_author(demo) for demo in demo_content.AUTHORS}
    demo_slugs = [demo.slug for demo in demo_content.ARTICLES]
    present = set(Article.objects.filter(slug__in=demo_slugs).values_list("slug", flat=True))
    created = 0
    for demo in demo_content.ARTICLES:
        # An article already there is skipped whole, so its photos are never drawn twice.
        if demo.slug in present:
            continue
        article = create_article(demo, sections[demo.section], now)
        article.authors.set([authors[slug] for slug in demo.authors])
        add_photos(article, demo.photos, palettes[demo.section])
        created += 1
    return created, len(present)


def ensure_section(demo: DemoSection) -> Section:
    section, _ = Section.objects.get_or_create(
        slug=demo.slug, defaults={"name": demo.name, "order": demo.order}
    )
    return section


def ensure_author(demo: DemoAuthor) -> Author:
    author, _ = Author.objects.get_or_create(
        slug=demo.slug, defaults={"name": demo.name, "bio": demo.bio}
    )
    return author


def create_article(demo: DemoArticle, section: Section, now: datetime) -> Article:
    """Create the article with its tags, timed relative to now."""
    article = Article.objects.create(
        slug=demo.slug,
        headline=demo.headline,
        standfirst=demo.standfirst,
        body=demo.body_html,
        section=section,
        dateline_place=demo.dateline_place,
        source_agencies=demo.source_agencies,
        status=Article.Status(demo.status),
        published_at=None if demo.published is None else now + demo.published,
        is_featured=demo.is_featured,
    )
    article.tags.add(*demo.tags)
    return article


def add_photos(article: Article, photos: tuple[DemoPhoto, ...], palette: Palette) -> None:
    """Draw the article's photos and store them; the first one is the lead."""
    for order, demo in enumerate(photos):
        # crc32 rather than hash(): string hashes change between runs, and the drawings
        # should come out the same every time.
        seed = zlib.crc32(f"{article.slug}-{order}".encode())
        photo = Photo(
            article=article,
            caption=demo.caption,
            credit=demo.credit,
            alt_text=demo.alt_text,
            order=order,
            is_lead=order == 0,
        )
        photo.image = ContentFile(
            draw_photo(seed, palette, demo.scene), name=f"{article.slug}-{order + 1}.jpg"
        )
        # Photo.save() re-encodes the image and makes the smaller renditions.
        photo.save()
