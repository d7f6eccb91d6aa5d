from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse

from comments.defences import form_token


@pytest.fixture(autouse=True)
def no_wait_for_forms(settings):
    """Forms may be sent at once in tests, unless a test is about waiting."""
    settings.COMMENTS_FORM_MIN_SECONDS = 0


@pytest.fixture
def send_comment(client):
    """Post a comment to an article as a reader at some address; returns the response."""

    def send(article, *, ip="203.0.113.10", follow=False, forwarded_for=None, **fields):
        data = {
            "name": "Siti Rahma",
            "email": "siti@example.com",
            "body": "Tulisan yang sangat bermanfaat.",
            "token": form_token(article.pk),
            "website": "",
            **fields,
        }
        meta = {"REMOTE_ADDR": ip}
        if forwarded_for is not None:
            meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
        return client.post(
            reverse("comments:post", args=[article.slug]), data, follow=follow, **meta
        )

    return send


def time_passes(*, seconds: float) -> None:
    """Age what the rate limits remember, as if the seconds had passed."""
    from comments.models import RateLimit

    ago = timedelta(seconds=seconds)
    RateLimit.objects.update(
        window_start=F("window_start") - ago,
        last_post_at=F("last_post_at") - ago,
        expires_at=F("expires_at") - ago,
    )
