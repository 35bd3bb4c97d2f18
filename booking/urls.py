from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("", views.BookingRequestView.as_view(), name="book"),
    path("thanks/", views.ThanksView.as_view(), name="thanks"),
    path("<slug:slug>/waitlist/", views.JoinWaitlistView.as_view(), name="join_waitlist"),
    path(
        "<slug:slug>/waitlist/joined/",
        views.WaitlistJoinedView.as_view(),
        name="waitlist_joined",
    ),
    path("waitlist/leave/<str:token>/", views.LeaveWaitlistView.as_view(), name="leave_waitlist"),
    path("<slug:slug>/", views.BookingRequestView.as_view(), name="book_with"),
]
