"""Subscriptions to what happens in the collaborations, the members' choices, and the log of what was sent.

A subscription follows one scope — a body, a collaboration, a topic or a saved search (the search page's
query) — by e-mail at once (`immediate`: when an agenda is published or changed) and/or as a weekly
digest. It belongs to a logged-in user (who then reads what that account may read) or to an e-mail
address alone (the public's view), which must confirm it first (double opt-in).

Members of a body get its agendas without subscribing (their seat is the reason); `MemberPreference`
records a member's or editor's choice not to (the one-click unsubscribe of those e-mails sets it).

`SentNotification` is the log that makes sending idempotent: every e-mail has a key, unique in the log,
and nothing is sent whose key is there already.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from klynge.bodies.models import Body, Collaboration
from klynge.meetings.models import Meeting
from klynge.organisation.models import Topic


class Scope(models.TextChoices):
    BODY = "body", "Organ"
    COLLABORATION = "collaboration", "Samarbejde"
    TOPIC = "topic", "Emne"
    SEARCH = "search", "Gemt søgning"


SCOPE_FIELDS = {Scope.BODY: "body", Scope.COLLABORATION: "collaboration", Scope.TOPIC: "topic"}
MAX_SEARCH_QUERY = 200  # as the search's own limit (klynge.search.selectors.MAX_QUERY_LENGTH)


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruger",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    email = models.EmailField("e-mailadresse", help_text="Hvor e-mails sendes hen (brugerens egen).")
    scope = models.CharField("abonnerer på", max_length=20, choices=Scope.choices)
    body = models.ForeignKey(
        Body, verbose_name="organ", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    collaboration = models.ForeignKey(
        Collaboration,
        verbose_name="samarbejde",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    topic = models.ForeignKey(
        Topic, verbose_name="emne", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    search_query = models.CharField("søgning", max_length=MAX_SEARCH_QUERY, blank=True)
    immediate = models.BooleanField("straks", default=True, help_text="Når en dagsorden offentliggøres.")
    weekly = models.BooleanField("ugentligt overblik", default=False)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    confirmed_at = models.DateTimeField(
        "bekræftet", null=True, blank=True, help_text="En e-mailadresse uden konto skal bekræftes først."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnementer"
        ordering = ["email", "scope", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(immediate=True) | Q(weekly=True),
                name="subscription_sends_something",
                violation_error_message="Vælg straks, ugentligt overblik eller begge.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        scope="body",
                        body__isnull=False,
                        collaboration__isnull=True,
                        topic__isnull=True,
                        search_query="",
                    )
                    | Q(
                        scope="collaboration",
                        body__isnull=True,
                        collaboration__isnull=False,
                        topic__isnull=True,
                        search_query="",
                    )
                    | Q(
                        scope="topic",
                        body__isnull=True,
                        collaboration__isnull=True,
                        topic__isnull=False,
                        search_query="",
                    )
                    | (
                        Q(scope="search", body__isnull=True, collaboration__isnull=True, topic__isnull=True)
                        & ~Q(search_query="")
                    )
                ),
                name="subscription_one_scope",
                violation_error_message="Et abonnement følger netop én ting: et organ, et samarbejde, et "
                "emne eller en søgning.",
            ),
        ]
        indexes = [models.Index(fields=["scope", "body", "collaboration", "topic"])]

    def __str__(self) -> str:
        return f"{self.email}: {self.scope_label}"

    @property
    def scope_label(self) -> str:
        """What it follows, in Danish: "Organ: Politisk sundhedsklynge Byen"."""
        if self.scope == Scope.SEARCH:
            return f"Søgning: »{self.search_query}«"
        target = getattr(self, SCOPE_FIELDS[Scope(self.scope)], None)
        return f"{self.get_scope_display()}: {target}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self) -> None:
        super().clean()
        if not self.immediate and not self.weekly:
            raise ValidationError({"immediate": "Vælg straks, ugentligt overblik eller begge."})
        if self.scope == Scope.SEARCH and not self.search_query.strip():
            raise ValidationError({"search_query": "Skriv hvad der skal søges efter."})


class MemberPreference(models.Model):
    """A member's or editor's choice about the e-mails their role brings (not their subscriptions)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="bruger", on_delete=models.CASCADE, related_name="+"
    )
    member_agendas = models.BooleanField(
        "dagsordener for mine organer",
        default=True,
        help_text="Når en dagsorden offentliggøres eller ændres.",
    )
    deadline_reminders = models.BooleanField(
        "påmindelser om frister", default=True, help_text="Før fristen for punkter til et møde (redaktører)."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "e-mailvalg"
        verbose_name_plural = "e-mailvalg"

    def __str__(self) -> str:
        return str(self.user)


class NotificationKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Bekræftelse af abonnement"
    AGENDA = "agenda", "Dagsorden offentliggjort"
    REMINDER = "reminder", "Påmindelse om frist"
    DIGEST = "digest", "Ugentligt overblik"


class SentNotification(models.Model):
    """One e-mail sent (or, for a digest with nothing new, decided not to be): its key is unique."""

    key = models.CharField("nøgle", max_length=200, unique=True)
    kind = models.CharField("type", max_length=20, choices=NotificationKind.choices)
    email = models.EmailField("modtager")
    subscription = models.ForeignKey(
        Subscription,
        verbose_name="abonnement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sent",
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name="møde", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField("emne", max_length=300, blank=True)
    sent_at = models.DateTimeField("sendt", auto_now_add=True)
    empty = models.BooleanField("intet nyt", default=False, help_text="Et overblik uden nyt sendes ikke.")

    class Meta:
        verbose_name = "sendt e-mail"
        verbose_name_plural = "sendte e-mails"
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["subscription", "kind", "sent_at"])]

    def __str__(self) -> str:
        return self.key


class AgendaPublication(models.Model):
    """That a meeting's agenda was published or changed, as `agenda_published` said: the weekly digest
    and the feeds list it. What it holds is shown to each reader as their access allows."""

    meeting = models.ForeignKey(Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField("offentliggjort")
    changed = models.BooleanField("ændret dagsorden", default=False)
    supplementary = models.BooleanField("tillægsdagsorden", default=False)
    version_id = models.PositiveBigIntegerField("dagsordensversion", null=True, blank=True)

    class Meta:
        verbose_name = "offentliggjort dagsorden"
        verbose_name_plural = "offentliggjorte dagsordener"
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.published_at:%d.%m.%Y %H:%M})"
