"""The editorial app's records."""

from django.db import models

# --- Workflow (editorial/workflow.py) -------------------------------------------------


class ReviewAlert(models.Model):
    """When the editors were last e-mailed that articles wait for review: one row.

    Shared by every process and server through the database, so the e-mails
    keep their interval however many workers submit at once.
    """

    sent_at = models.DateTimeField()

    class Meta:
        # Bookkeeping of the e-mails, with no admin page: nobody is given rights on it.
        default_permissions = ()

    def __str__(self):
        return f"review alert sent at {self.sent_at:%Y-%m-%d %H:%M}"
