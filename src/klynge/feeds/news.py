"""What is new, as RSS 2.0 and Atom feeds (Django's syndication framework), for the same scopes as the
e-mail subscriptions: a body (/feeds/organ/<slug>.rss), a collaboration (/feeds/samarbejde/<slug>.rss),
a topic (/feeds/emne/<slug>.rss) and a saved search (/feeds/soegning.rss?q=…); `.atom` for Atom.

Public content only: a feed has no login, and is cached and passed around, so it shows what the public
sees — closed agenda items and their decisions are left out, whoever fetches it. The entries are those
of the weekly digest (new meetings, published agendas, decisions, initiatives) of the last 90 days, newest
first, at most 50, found in a fixed number of queries.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode

from klynge.notifications.models import MAX_SEARCH_QUERY, Scope, Subscription
from klynge.notifications.selectors import (
    News,
    body_choices,
    candidates_of,
    collaboration_choices,
    for_reader,
    in_scope,
    news_between,
    search_hits,
    topic_choices,
)

PERIOD = datetime.timedelta(days=90)
MAX_ENTRIES = 50
SCOPES = {
    "organ": Scope.BODY,
    "samarbejde": Scope.COLLABORATION,
    "emne": Scope.TOPIC,
    "soegning": Scope.SEARCH,
}


@dataclass(frozen=True)
class FeedScope:
    subscription: Subscription  # unsaved: the scope as a subscription would hold it
    title: str
    link: str


def feed_scope(scope: str, key: str | None, query: str) -> FeedScope:
    kind = SCOPES.get(scope)
    if kind is None or (kind == Scope.SEARCH) != (key is None):
        raise Http404
    if kind == Scope.SEARCH:
        text = " ".join(query.split())[:MAX_SEARCH_QUERY]
        if not text:
            raise Http404
        return FeedScope(
            Subscription(scope=kind, search_query=text),
            f"Klynge – søgning: {text}",
            "/soeg/?" + urlencode({"q": text}),
        )
    if kind == Scope.BODY:
        body = body_choices().filter(slug=key).first()
        if body is None:
            raise Http404
        return FeedScope(
            Subscription(scope=kind, body=body), f"Klynge – {body.name}", body.get_absolute_url()
        )
    if kind == Scope.COLLABORATION:
        collaboration = collaboration_choices().filter(slug=key).first()
        if collaboration is None:
            raise Http404
        return FeedScope(
            Subscription(scope=kind, collaboration=collaboration),
            f"Klynge – {collaboration.name}",
            collaboration.get_absolute_url(),
        )
    topic = topic_choices().filter(slug=key).first()
    if topic is None:
        raise Http404
    return FeedScope(Subscription(scope=kind, topic=topic), f"Klynge – emnet {topic.name}", "/soeg/")


def public_news(scope: FeedScope, *, now: datetime.datetime) -> list[News]:
    news = news_between(now - PERIOD, now)
    hits = (
        search_hits(scope.subscription.search_query, candidates_of(news))
        if scope.subscription.search_query
        else set()
    )
    shown = []
    for entry in news:
        visible = for_reader(entry, frozenset())
        if visible is not None and in_scope(visible, scope.subscription, hits):
            shown.append(visible)
        if len(shown) >= MAX_ENTRIES:
            break
    return shown


class NewsFeed(Feed):
    description = "Nyt fra sundhedssamarbejdet i Klynge: møder, dagsordener, beslutninger og indsatser. Kun offentlige oplysninger."

    def get_object(self, request: HttpRequest, scope: str, key: str | None = None) -> FeedScope:
        return feed_scope(scope, key, request.GET.get("q", ""))

    def title(self, obj: FeedScope) -> str:
        return obj.title

    def link(self, obj: FeedScope) -> str:
        return obj.link

    def items(self, obj: FeedScope) -> list[News]:
        return public_news(obj, now=timezone.now())

    def item_title(self, item: News) -> str:
        return f"{item.kind_label}: {item.title}"

    def item_description(self, item: News) -> str:
        lines = [item.detail] if item.detail else []
        lines += [f"{n}. {line.title}" for n, line in enumerate(item.items, start=1)]
        return "\n".join(lines)

    def item_link(self, item: News) -> str:
        return item.url

    def item_guid(self, item: News) -> str:
        return f"klynge-{item.kind}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: News) -> datetime.datetime:
        return item.when

    def item_extra_kwargs(self, item: News) -> dict[str, Any]:
        return {}


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: FeedScope) -> str:
        return self.description
