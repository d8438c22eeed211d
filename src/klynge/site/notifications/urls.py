from django.urls import path

from klynge.feeds.news import AtomNewsFeed, NewsFeed
from klynge.site.notifications import views

app_name = "notifications"

urlpatterns = [
    path("abonnementer/", views.subscriptions_page, name="subscriptions"),
    path("abonnementer/<int:pk>/aendr/", views.subscription_change, name="subscription_change"),
    path("abonnementer/<int:pk>/slet/", views.subscription_delete, name="subscription_delete"),
    path("abonnementer/bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("abonnementer/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/<str:scope>.rss", NewsFeed(), name="feed_rss_search"),
    path("feeds/<str:scope>.atom", AtomNewsFeed(), name="feed_atom_search"),
    path("feeds/<str:scope>/<slug:key>.rss", NewsFeed(), name="feed_rss"),
    path("feeds/<str:scope>/<slug:key>.atom", AtomNewsFeed(), name="feed_atom"),
]
