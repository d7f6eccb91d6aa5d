from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from articles.signals import content_changed
        from delivery.purge import purge_on_content_changed

        content_changed.connect(purge_on_content_changed, dispatch_uid="delivery.purge")
