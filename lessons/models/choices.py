from django.db import models


class Outcome(models.TextChoices):
    SETTLED_IN_FULL = "settled-in-full", "Settled in full"
    INSTALMENT_PLAN = "instalment-plan", "Instalment plan"
    LEGAL_ACTION = "legal-action", "Legal action"
    WRITTEN_OFF = "written-off", "Written off"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ONGOING = "ongoing", "Ongoing"


class AmountBand(models.TextChoices):
    UNDER_1K = "under-1k", "Under SGD 1,000"
    FROM_1K = "1k-5k", "SGD 1,000–5,000"
    FROM_5K = "5k-20k", "SGD 5,000–20,000"
    FROM_20K = "20k-100k", "SGD 20,000–100,000"
    OVER_100K = "over-100k", "Over SGD 100,000"


class Sensitivity(models.TextChoices):
    INTERNAL = "internal", "Internal (all staff)"
    CONFIDENTIAL = "confidential", "Confidential (team leads and managers)"
