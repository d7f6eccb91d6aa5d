"""What a comment would show as a link is counted as one, and so is a disguised one."""

import random

import pytest

from comments.defences import count_links
from comments.models import Comment
from comments.templating import comment_text


def links_shown(text: str) -> int:
    return str(comment_text(text)).count("<a ")


@pytest.mark.django_db
def test_three_bare_domains_send_a_comment_to_spam(send_comment, article):
    send_comment(article, body="Murah! toko-a.com toko-b.com toko-c.com")

    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.parametrize(
    "text",
    [
        "toko-a.com toko-b.com toko-c.com",
        "tulis ke a@toko.com, b@toko.net atau c@toko.org",
        "www.toko.co.id dan sub.toko.org",
        "https://a.example http://b.example/x?y=1",
        "(toko-a.com), toko-b.com. toko-c.com!",
        "Lihat TOKO-A.COM sekarang",
        "<toko-a.com> &amp; toko-b.com",
    ],
)
def test_every_link_a_comment_shows_is_counted(text):
    assert links_shown(text) > 0
    assert count_links(text) >= links_shown(text)


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("toko-a .com toko-b .com toko-c .com", 3),
        ("toko-a(dot)com toko-b [dot] net toko-c dot id", 3),
        ("hxxp://toko-a hxxps://toko-b hXXp : // toko-c", 3),
        ("toko-a.xyz toko-b.site toko-c.id", 3),
        ("[url=x]murah[/url] <a href=y>", 2),
    ],
)
def test_disguised_links_are_counted(text, links):
    assert count_links(text) == links


@pytest.mark.parametrize(
    "text",
    [
        "Saya datang. In the end. Info lengkap ada. Me too.",
        "Harga Rp1.500.000, pukul 10.30 WIB, naik 2.5 persen.",
        "Terima kasih, beritanya jelas dan lengkap.",
    ],
)
def test_ordinary_sentences_have_no_links(text):
    assert count_links(text) == 0


def test_whatever_is_shown_as_a_link_is_counted_in_a_thousand_mixed_texts():
    pieces = [
        "toko.com", "a@b.org", "www.x.id", "https://y.example/z", "toko.xyz", "toko .com",
        "harga 1.500", "Selesai.", "Info", "(", ")", "<", ">", "&", ",", ".", "!", "\n",
        "mantap", "x.co.id", "mailto:c@d.net", "http://", "toko-a.net/path.", "e@f.com.",
        "[url]", "ftp://g.example", "h.gov", "i.edu/j",
    ]  # fmt: skip
    chooser = random.Random(10)  # noqa: S311 - varied texts, not secrets
    for _ in range(1000):
        text = "".join(
            chooser.choice(pieces) + chooser.choice(["", " ", " ", ", "])
            for _ in range(chooser.randint(1, 8))
        )
        assert count_links(text) >= links_shown(text), text
