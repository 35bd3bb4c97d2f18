from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("", views.BookingRequestView.as_view(), name="book"),
    path("thanks/", views.ThanksView.as_view(), name="thanks"),
    path("<slug:slug>/", views.BookingRequestView.as_view(), name="book_with"),
]
