"""The days an update of recorded calls or payments touched, for whoever
derives figures by day from them (the KPI fact build reads those above the
key it had read)."""

from django.db import models


class LogChange(models.Model):
    """A day, and the account, whose figures a re-import changed: written by
    the import's merge before the rows are updated, with the old and the new
    values' days (a call's agency-local day and promised date, a payment's
    date), so a row moved to another day marks both. Never edited; the key
    only grows, so a reader keeps the highest key it has read."""

    id = models.BigAutoField(primary_key=True)
    day = models.DateField()
    account_reference = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.day} {self.account_reference}"
