from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "klynge.pagecache"
    label = "pagecache"
    verbose_name = "Sidecache"

    def ready(self) -> None:
        from django.test.signals import setting_changed

        from klynge.pagecache import middleware, version

        version.install()
        setting_changed.connect(middleware.clear, dispatch_uid="klynge.pagecache.clear")
