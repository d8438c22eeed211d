from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The pages: the UI kit (base template, forms, template tags), the front page and each domain's pages.

    Its label stays "web" so the URL namespace, template folder and static folder keep their names.
    """

    name = "klynge.site"
    label = "web"
    verbose_name = "Sider"
