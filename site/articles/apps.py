from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "deskbook.articles"
    label = "articles"
    verbose_name = "Public articles"
