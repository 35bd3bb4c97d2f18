from django.urls import path

from . import views

app_name = "booking"

urlpatterns = [
    path("", views.BookingRequestView.as_view(), name="book"),
    path("thanks/", views.ThanksView.as_view(), name="thanks"),
    path(
        "request/withdrawn/",
        views.ClientNoticeView.as_view(
            template_name="booking/withdrawn.html", title="Your request is withdrawn"
        ),
        name="withdrawn",
    ),
    path(
        "request/new-link-sent/",
        views.ClientNoticeView.as_view(
            template_name="booking/new_link_sent.html", title="Check your new address"
        ),
        name="new_link_sent",
    ),
    path(
        "request/new-link-not-sent/",
        views.ClientNoticeView.as_view(
            template_name="booking/new_link_not_sent.html", title="Your address is saved"
        ),
        name="new_link_not_sent",
    ),
    path("request/<str:token>/", views.YourRequestView.as_view(), name="your_request"),
    path(
        "request/<str:token>/contact-details/",
        views.ContactDetailsView.as_view(),
        name="contact_details",
    ),
    path(
        "request/<str:token>/contact-wishes/",
        views.ContactWishesView.as_view(),
        name="contact_wishes",
    ),
    path("request/<str:token>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<slug:slug>/waitlist/", views.JoinWaitlistView.as_view(), name="join_waitlist"),
    path(
        "<slug:slug>/waitlist/joined/",
        views.WaitlistJoinedView.as_view(),
        name="waitlist_joined",
    ),
    path("waitlist/leave/<str:token>/", views.LeaveWaitlistView.as_view(), name="leave_waitlist"),
    path("<slug:slug>/", views.BookingRequestView.as_view(), name="book_with"),
]
