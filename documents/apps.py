from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "产业政策知识库"
    default_auto_field = "django.db.models.BigAutoField"
