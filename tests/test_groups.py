"""The Editors and Moderators groups: what the README says they do, through the real admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, RelatedPin, Section
from comments.models import Comment
from tests.articles.test_admin import article_form, photo_file, pin_form
from tests.factories import ArticleFactory, PhotoFactory, UserFactory
from tests.rights import offered_actions

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")
QUEUE = reverse("admin:comments_comment_changelist")


@pytest.fixture
def moderator_client(client):
    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


# Editors: write, illustrate, pin related news, tag, publish, withdraw; sections, authors.


def test_an_editor_adds_an_article_with_a_photo_and_a_pinned_related_article(
    editor_client, section
):
    related = ArticleFactory(section=section, headline="Gempa kemarin")
    add = reverse("admin:articles_article_add")
    form = editor_client.get(add)
    prefixes = [inline.formset.prefix for inline in form.context["inline_admin_formsets"]]
    assert prefixes == ["photos", "related_pins"]

    data = article_form(section, **{"photos-0-image": photo_file()}, **pin_form(related))
    response = editor_client.post(add, data)

    assert response.status_code == 302
    article = Article.objects.get(slug="gempa-kecil-guncang-pesisir-selatan")
    assert article.lead_photo is not None
    assert [pin.pinned for pin in article.related_pins.all()] == [related]


def test_an_editor_changes_an_articles_photos_and_pins(editor_client, section):
    article = ArticleFactory(section=section)
    photo = PhotoFactory(article=article, is_lead=True)
    first, second = ArticleFactory(section=section), ArticleFactory(section=section)
    pin = RelatedPin.objects.create(article=article, pinned=first)
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.get(url).status_code == 200

    data = article_form(
        section,
        headline="Judul yang diperbaiki",
        slug=article.slug,
        **{
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "1",
            "photos-0-id": photo.pk,
            "photos-0-article": article.pk,
            "photos-0-credit": "Antara/Foto Baru",
        },
        **pin_form(
            second,
            index=1,
            **{
                "related_pins-INITIAL_FORMS": "1",
                "related_pins-0-id": pin.pk,
                "related_pins-0-article": article.pk,
                "related_pins-0-pinned": first.pk,
                "related_pins-0-order": "0",
                "related_pins-0-DELETE": "on",
            },
        ),
    )
    response = editor_client.post(url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Judul yang diperbaiki"
    assert article.photos.get().credit == "Antara/Foto Baru"
    assert [pin.pinned for pin in article.related_pins.all()] == [second]


def test_an_editor_publishes_and_withdraws_articles(editor_client, section):
    article = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    assert {"publish", "unpublish", "delete_selected"} <= offered_actions(editor_client, ARTICLES)

    editor_client.post(ARTICLES, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_published()

    editor_client.post(ARTICLES, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_adds_and_changes_sections_and_authors(editor_client):
    response = editor_client.post(
        reverse("admin:articles_section_add"), {"name": "Olahraga", "slug": "olahraga", "order": 3}
    )
    assert response.status_code == 302
    section = Section.objects.get(slug="olahraga")
    response = editor_client.post(
        reverse("admin:articles_section_change", args=[section.pk]),
        {"name": "Sport", "slug": "olahraga", "order": 1},
    )
    assert response.status_code == 302
    assert Section.objects.get(pk=section.pk).name == "Sport"

    response = editor_client.post(
        reverse("admin:articles_author_add"), {"name": "Siti", "slug": "siti", "bio": ""}
    )
    assert response.status_code == 302
    author = Author.objects.get(slug="siti")
    response = editor_client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": "Siti Rahma", "slug": "siti", "bio": "Wartawan."},
    )
    assert response.status_code == 302
    assert Author.objects.get(pk=author.pk).name == "Siti Rahma"


def test_an_editor_adds_changes_and_merges_tags(editor_client, section):
    response = editor_client.post(
        reverse("admin:taggit_tag_add"), {"name": "Banjir", "slug": "banjir"}
    )
    assert response.status_code == 302
    tag = Tag.objects.get(slug="banjir")
    response = editor_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "Banjir", "slug": "banjir-2"}
    )
    assert response.status_code == 302
    article = ArticleFactory(section=section, tags=["Banjir", "banjir bandang"])

    editor_client.post(
        reverse("admin:taggit_tag_changelist"),
        {
            "action": "merge_tags",
            "_selected_action": list(Tag.objects.values_list("pk", flat=True)),
        },
    )

    assert Tag.objects.count() == 1
    assert article.tags.count() == 1


def test_editors_have_no_rights_on_comments(editor_client):
    assert editor_client.get(QUEUE).status_code == 403


# Moderators: the comment queue, nothing else.


def test_a_moderator_approves_rejects_and_marks_spam_but_deletes_nothing(moderator_client, article):
    comments = [
        Comment.objects.create(
            article=article, name="Pembaca", email=f"p{n}@example.com", body=f"Komentar {n}."
        )
        for n in range(3)
    ]
    assert offered_actions(moderator_client, QUEUE) == {"approve", "reject", "mark_as_spam"}

    for comment, action in zip(comments, ["approve", "reject", "mark_as_spam"], strict=True):
        moderator_client.post(QUEUE, {"action": action, "_selected_action": [comment.pk]})
    moderator_client.post(
        QUEUE,
        {"action": "delete_selected", "_selected_action": [comments[0].pk], "post": "yes"},
    )
    delete = reverse("admin:comments_comment_delete", args=[comments[1].pk])

    assert moderator_client.post(delete, {"post": "yes"}).status_code == 403
    assert [c.status for c in Comment.objects.order_by("pk")] == ["approved", "rejected", "spam"]
    refusals = moderator_client.get(reverse("admin:comments_refusal_changelist"))
    assert refusals.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_section_changelist"),
        reverse("admin:articles_author_changelist"),
        reverse("admin:taggit_tag_changelist"),
    ],
)
def test_a_moderator_gets_403_on_the_newsroom(moderator_client, url):
    assert moderator_client.get(url).status_code == 403


# The groups follow the models: their rights are granted at every migrate.


def test_a_right_taken_from_editors_is_back_after_migrate():
    lost = Permission.objects.get(content_type__app_label="articles", codename="add_relatedpin")
    Group.objects.get(name="Editors").permissions.remove(lost)

    call_command("migrate", verbosity=0)

    assert ("articles", "add_relatedpin") in codenames("Editors")


def test_a_new_models_rights_reach_the_editors_at_the_next_migrate():
    # As a model added to the articles app would: its permissions appear, nobody grants them.
    content_type = ContentType.objects.create(app_label="articles", model="liveblog")
    for action in ["add", "change", "delete", "view"]:
        Permission.objects.create(
            content_type=content_type, codename=f"{action}_liveblog", name=f"Can {action} blog"
        )

    call_command("migrate", verbosity=0)

    for action in ["add", "change", "delete", "view"]:
        assert ("articles", f"{action}_liveblog") in codenames("Editors")
    assert not any(codename.endswith("liveblog") for _app, codename in codenames("Moderators"))


def test_a_deleted_group_is_made_again_at_the_next_migrate():
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    call_command("migrate", verbosity=0)

    assert ("articles", "change_relatedpin") in codenames("Editors")
    assert codenames("Moderators") == {
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "view_refusal"),
    }


def test_migrate_takes_back_a_right_the_role_withholds_and_keeps_others():
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="delete_comment"),
        Permission.objects.get(content_type__app_label="articles", codename="view_article"),
    )

    call_command("migrate", verbosity=0)

    assert ("comments", "delete_comment") not in codenames("Moderators")
    assert ("articles", "view_article") in codenames("Moderators")  # not the role's to decide


def test_an_editor_links_an_author_to_a_staff_account_and_only_to_one(editor_client):
    reporter = UserFactory(username="reporter", is_staff=True)
    reader = UserFactory(username="tamu-tanpa-akses")
    add = reverse("admin:articles_author_add")
    form = editor_client.get(add)
    assert f'<option value="{reporter.pk}">reporter</option>' in form.text
    assert "tamu-tanpa-akses" not in form.text

    refused = editor_client.post(add, {"name": "Pembaca", "slug": "pembaca", "user": reader.pk})
    linked = editor_client.post(add, {"name": "Reporter", "slug": "reporter", "user": reporter.pk})

    assert refused.status_code == 200 and "user" in refused.context["adminform"].form.errors
    assert linked.status_code == 302
    assert Author.objects.get(slug="reporter").user == reporter
