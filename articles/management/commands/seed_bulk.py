"""Fill the database with a large, realistic newsroom for benchmarks.

Tag popularity follows a Zipf-like law over a few thousand tags, each article
has 3–6 tags, and publication times spread over several years. Rows go in with
PostgreSQL's COPY; the triggers of migration 0003 keep tag counts and
publication times of tag links as they would be for articles saved one by one.
"""

import json
import random
import time
from datetime import timedelta
from itertools import accumulate

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Article, Author, Photo, Section

SECTIONS = ["Nasional", "Dunia", "Ekonomi", "Teknologi", "Olahraga", "Sains", "Budaya", "Daerah"]
SYLLABLES = [consonant + vowel for consonant in "bdgklmnprst" for vowel in "aeiou"]
PLACES = ["Jakarta", "Surabaya", "Medan", "Makassar", "Beijing, China", "Moskow, Rusia", "Tokyo"]
AGENCIES = ["", "", "Antara", "Xinhua/Indonesia Window", "Reuters"]
PARAGRAPH = (
    "<p>Pemerintah daerah menyampaikan bahwa program ini akan dilanjutkan tahun depan "
    "dengan anggaran yang lebih besar, setelah evaluasi menunjukkan hasil yang baik bagi "
    "warga di berbagai kecamatan. Para pengamat menilai langkah itu tepat, meski "
    "pelaksanaannya perlu diawasi bersama.</p>"
)
COPY_BATCH = 10_000


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


class Command(BaseCommand):
    help = "Create a large newsroom (default 100,000 articles) for benchmarks, with COPY."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--tags", type=int, default=3_000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, articles, tags, years, seed, **options):
        if articles < 1 or tags < 6:
            raise CommandError("Give at least 1 article and 6 tags.")
        if Article.objects.filter(slug__startswith=f"bulk-{seed}-").exists():
            raise CommandError(
                f"Bulk articles with seed {seed} exist already; use a fresh database."
            )
        started = time.monotonic()
        rng = random.Random(seed)
        with transaction.atomic():
            sections = self.make_sections()
            authors = self.make_authors(rng)
            tag_ids = self.make_tags(rng, tags)
            first_id = self.copy_articles(rng, articles, sections, years, seed)
            self.copy_links(rng, first_id, articles, tag_ids, authors)
            self.copy_lead_photos(first_id, articles)
        with connection.cursor() as cursor:
            # What autovacuum would do soon after: statistics, and the visibility
            # map that lets related news read its index without the table.
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            f"Bulk newsroom: {articles:,} articles, {len(tag_ids):,} tags, "
            f"in {time.monotonic() - started:.1f} s."
        )

    def make_sections(self) -> list[int]:
        return [
            Section.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "order": order}
            )[0].pk
            for order, name in enumerate(SECTIONS)
        ]

    def make_authors(self, rng) -> list[int]:
        names = {f"{made_up_word(rng).title()} {made_up_word(rng).title()}" for _ in range(60)}
        authors = [Author(name=name, slug=f"bulk-{slugify(name)}") for name in names]
        Author.objects.bulk_create(authors, ignore_conflicts=True)
        return list(Author.objects.filter(slug__startswith="bulk-").values_list("pk", flat=True))

    def make_tags(self, rng, count: int) -> list[int]:
        names = set()
        while len(names) < count:
            names.add(
                made_up_word(rng)
                if rng.random() < 0.7
                else f"{made_up_word(rng)} {made_up_word(rng)}"
            )
        Tag.objects.bulk_create(
            [Tag(name=name, slug=slugify(name)) for name in sorted(names)], ignore_conflicts=True
        )
        by_name = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        ranked = [by_name[name] for name in sorted(names) if name in by_name]
        rng.shuffle(ranked)  # the popularity rank, most popular first
        return ranked

    def copy_articles(self, rng, count, sections, years, seed) -> int:
        now = timezone.now()
        span = timedelta(days=365 * years).total_seconds()
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(max(id), 0) FROM articles_article")
            first_id = cursor.fetchone()[0] + 1
            columns = (
                "id, headline, slug, standfirst, dateline_place, source_agencies, body, "
                "section_id, status, published_at, created_at, updated_at, is_featured, "
                "comments_open"
            )
            with cursor.cursor.copy(f"COPY articles_article ({columns}) FROM STDIN") as copy:
                for number in range(count):
                    roll = rng.random()
                    if roll < 0.02:
                        status, published_at = (
                            "published",
                            now + timedelta(hours=rng.randint(1, 240)),
                        )
                    elif roll < 0.05:
                        status, published_at = rng.choice(["draft", "review"]), None
                    else:
                        status = "published"
                        published_at = now - timedelta(seconds=rng.random() * span)
                    headline = " ".join(
                        made_up_word(rng) for _ in range(rng.randint(5, 10))
                    ).capitalize()
                    copy.write_row(
                        (
                            first_id + number,
                            headline,
                            f"bulk-{seed}-{number}",
                            f"{headline}, menurut keterangan resmi.",
                            rng.choice(PLACES),
                            rng.choice(AGENCIES),
                            PARAGRAPH * rng.randint(3, 6),
                            rng.choice(sections),
                            status,
                            published_at,
                            published_at or now,
                            published_at or now,
                            rng.random() < 0.01,
                            True,
                        )
                    )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)",
                [first_id + count - 1],
            )
        return first_id

    def copy_links(self, rng, first_id, count, tag_ids, authors):
        # Zipf-like: the tag of popularity rank r is chosen with weight 1 / r.
        cumulative = list(accumulate(1 / rank for rank in range(1, len(tag_ids) + 1)))
        with connection.cursor() as cursor:
            tag_copy = "COPY articles_taggedarticle (content_object_id, tag_id) FROM STDIN"
            with cursor.cursor.copy(tag_copy) as copy:
                for article_id in range(first_id, first_id + count):
                    wanted = rng.randint(3, 6)
                    chosen = set()
                    while len(chosen) < wanted:
                        chosen.update(
                            rng.choices(tag_ids, cum_weights=cumulative, k=wanted - len(chosen))
                        )
                    for tag_id in chosen:
                        copy.write_row((article_id, tag_id))
            author_copy = "COPY articles_article_authors (article_id, author_id) FROM STDIN"
            with cursor.cursor.copy(author_copy) as copy:
                for article_id in range(first_id, first_id + count):
                    for author_id in rng.sample(authors, rng.choice([0, 1, 1, 2])):
                        copy.write_row((article_id, author_id))

    def copy_lead_photos(self, first_id, count):
        """Give every article a lead photo; they share one image file and its renditions."""
        from articles.demo_content import SECTIONS as DEMO_SECTIONS
        from articles.demo_content import draw_photo

        template = Photo(
            article_id=first_id,
            caption="Suasana kota pada pagi hari.",
            credit="Ilustrasi: Newsroom",
            alt_text="Ilustrasi suasana kota",
            is_lead=True,
        )
        drawing = draw_photo(0, DEMO_SECTIONS[0].palette)
        template.image.save("bulk-lead.jpg", ContentFile(drawing), save=True)
        columns = (
            'article_id, image, width, height, renditions, caption, credit, alt_text, "order", '
            "is_lead"
        )
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY articles_photo ({columns}) FROM STDIN") as copy,
        ):
            for article_id in range(first_id + 1, first_id + count):
                copy.write_row(
                    (
                        article_id,
                        template.image.name,
                        template.width,
                        template.height,
                        json.dumps(template.renditions),
                        template.caption,
                        template.credit,
                        template.alt_text,
                        0,
                        True,
                    )
                )
