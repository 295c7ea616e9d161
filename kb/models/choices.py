from django.db import models


class Department(models.TextChoices):
    SALES = "sales", "Sales"
    ADMINISTRATIVE = "administrative", "Administrative"
    OPERATIONS = "operations", "Operations"
    MARKETING = "marketing", "Marketing & Communications"


class Stage(models.TextChoices):
    PRE = "pre", "Pre-collection"
    EARLY = "early", "Early collection"
    LATE = "late", "Late collection"
    ANY = "any", "Any stage"


class Segment(models.TextChoices):
    FIRST_TIME_DEFAULT = "first-time-default", "First-time default"
    LETHARGIC_PAYER = "lethargic-payer", "Lethargic payer"
    BAD_DEBT = "bad-debt", "Bad debt"
    DISPUTED = "disputed", "Disputed"
    ANY = "any", "Any segment"
