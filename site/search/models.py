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
