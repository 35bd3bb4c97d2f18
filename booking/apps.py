from django.apps import AppConfig


class BookingConfig(AppConfig):
    name = "booking"
    verbose_name = "Booking requests"

    def ready(self):
        from . import waitlist  # noqa: F401  connects the receiver that announces a reopening
