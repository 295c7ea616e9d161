from django.db import models


class ArticleKind(models.TextChoices):
    """What an article is; each kind has its own archive and feed."""

    SCAM_ALERT = "scam-alert", "Scam alert"
    GUIDE = "guide", "Awareness guide"
    PRESS_RELEASE = "press-release", "Press release"
    INSIGHT = "insight", "Industry insight"

    @property
    def plural(self) -> str:
        return {
            "scam-alert": "Scam alerts",
            "guide": "Awareness guides",
            "press-release": "Press releases",
            "insight": "Industry insights",
        }[self.value]
