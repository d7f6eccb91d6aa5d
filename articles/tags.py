"""Tags: those readers may know of, and housekeeping for editors."""

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef
from django.utils import timezone
from taggit.models import Tag

from articles.caching import articles_changed, changed
from articles.models import Article, TaggedArticle, TagUsage


def tags_with_published_articles():
    """Tags readers may know of: those of at least one published article.

    A tag carried only by drafts or scheduled articles has no page, feed or
    sitemap entry: its name could tell an embargoed story's subject.
    """
    published = TaggedArticle.objects.filter(
        tag=OuterRef("pk"), content_object__in=Article.objects.published()
    )
    return Tag.objects.filter(Exists(published))


def tag_article_count(tag: Tag) -> int:
    """How many articles carry the tag (kept by a trigger; 0 if never used)."""
    try:
        return tag.usage.article_count
    except TagUsage.DoesNotExist:
        return 0


@transaction.atomic
def merge_tags(*, tags: list[Tag]) -> Tag:
    """Move every article of the given tags onto the most used one; delete the others."""
    target = max(tags, key=tag_article_count)
    others = [tag.pk for tag in tags if tag.pk != target.pk]
    links = TaggedArticle.objects.filter(tag_id__in=others)
    # update() sends no signal: the articles moved show another tag (what they
    # show changed), and each tag's page lists other articles (its key).
    moved = set(links.values_list("content_object_id", flat=True))
    articles_changed(moved)
    changed(*(f"tag-{tag.pk}" for tag in tags))
    already_tagged = TaggedArticle.objects.filter(tag=target).values("content_object_id")
    links.filter(content_object_id__in=already_tagged).delete()
    # An article may carry two of the merged tags: keep one link per article.
    doubled = (
        links.values("content_object_id")
        .annotate(first=Min("id"), count=Count("id"))
        .filter(count__gt=1)
    )
    for row in doubled:
        links.filter(content_object_id=row["content_object_id"]).exclude(id=row["first"]).delete()
    links.update(tag=target)
    # Their tag boxes read otherwise now: a form opened before the merge must not bring
    # the old tags back. Any change to the row gives it its next version (articles 0010).
    Article.objects.filter(pk__in=moved).update(updated_at=timezone.now())
    Tag.objects.filter(pk__in=others).delete()
    return target


def tags_to_string(tags) -> str:
    """Write tags for the editor's tag box: quoted only when a name holds a comma.

    taggit quotes every name with a space ("Energi Terbarukan" → '"Energi Terbarukan"'),
    which editors read as part of the tag.
    """
    names = sorted(tag.name for tag in tags)
    return ", ".join(f'"{name}"' if "," in name else name for name in names)
