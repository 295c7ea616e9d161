from django.db import models


class SearchGap(models.Model):
    """A search that found nothing: what people look for and we do not have."""

    query = models.OneToOneField(
        "wagtailsearchpromotions.Query", on_delete=models.CASCADE, related_name="gap"
    )
    zero_result_hits = models.PositiveIntegerField(
        default=0, help_text="Searches for this text that found nothing."
    )
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-zero_result_hits", "-last_seen"]

    def __str__(self):
        return self.query.query_string


class SynonymGroup(models.Model):
    """Terms that mean the same to the people searching: applied to every
    search as it runs, so a change needs no rebuild of the index."""

    terms = models.TextField(
        help_text=(
            "Words or phrases, one a line or separated by commas, in any language: "
            "debtor, customer, borrower, pelanggan, nasabah."
        )
    )
    one_way = models.BooleanField(
        default=False,
        help_text=(
            "Only the first term finds the others (an abbreviation finds what it "
            "stands for: PTP, promise to pay), not the other way round."
        ),
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonym group"

    def __str__(self):
        return self.terms.replace("\n", ", ")[:80]
