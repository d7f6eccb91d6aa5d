from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- Presence: who has an article's change page open (editorial/presence.py) ---


class Presence(models.Model):
    """A person with an article's change page open, as of their page's last heartbeat."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="one_presence_per_article_user"
            )
        ]

    def __str__(self):
        return f"{self.user_id} on {self.article_id} at {self.seen_at:%H:%M:%S}"
