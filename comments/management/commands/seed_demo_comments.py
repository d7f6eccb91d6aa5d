"""Add a few reader comments to the demo articles: approved ones, a reply, and a queue."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from comments.models import Comment

DEMO_COMMENTS = [
    # (name, e-mail, text, status, reply to the comment at this index or None)
    ("Rina Wulandari", "rina@example.com",
     "Terima kasih, beritanya jelas dan lengkap.", "approved", None),
    ("Andi Saputra", "andi@example.com",
     "Setuju, Bu Rina. Semoga ada liputan lanjutannya.", "approved", 0),
    ("Dewi Lestari", "dewi@example.com",
     "Ditunggu kabar berikutnya dari redaksi.", "approved", None),
    ("Pembaca Baru", "baru@example.com",
     "Apakah ada sumber resmi yang bisa dibaca?", "pending", None),
    ("Promo Murah", "promo@example.com",
     "Diskon! https://a.example https://b.example https://c.example", "spam", None),
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Add demo reader comments to the newest demo articles (running it twice changes nothing)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        articles = list(Article.objects.published().newest_first()[:3])
        created = 0
        for article in articles:
            if Comment.objects.filter(article=article).exists():
                continue
            made = []
            for number, (name, email, text, status, reply_to) in enumerate(DEMO_COMMENTS):
                comment = Comment(
                    article=article,
                    parent=made[reply_to] if reply_to is not None else None,
                    name=name,
                    email=email.replace("@", f"+{article.pk}@"),
                    body=text,
                    status=status,
                    created_at=article.published_at + timedelta(hours=1 + number),
                    ip_address="192.0.2.1",
                )
                comment.save()
                made.append(comment)
                created += 1
        self.stdout.write(f"Demo comments: {created} created.")
