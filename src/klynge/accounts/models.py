"""Accounts: each user has one role; an editor acts for a party, a member is a person in the bodies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from klynge.organisation.models import Party, Person


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    EDITOR = "editor", "Sekretariatsredaktør"
    MEMBER = "member", "Medlem"


class Account(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="bruger", on_delete=models.CASCADE, related_name="account"
    )
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    party = models.ForeignKey(
        Party,
        verbose_name="part",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        help_text="Den part, en redaktør redigerer for (fx Københavns Kommune).",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        help_text="Den person, et medlem er i organerne.",
    )

    class Meta:
        verbose_name = "konto"
        verbose_name_plural = "konti"
        ordering = ["user__email"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="editor") | models.Q(party__isnull=False),
                name="account_editor_has_party",
                violation_error_message="En redaktør skal høre til en part.",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="member") | models.Q(person__isnull=False),
                name="account_member_is_person",
                violation_error_message="Et medlem skal være knyttet til en person.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_role_display()})"

    def clean(self) -> None:
        super().clean()
        if self.role == Role.EDITOR and self.party_id is None:
            raise ValidationError({"party": "En redaktør skal høre til en part."})
        if self.role == Role.MEMBER and self.person_id is None:
            raise ValidationError({"person": "Et medlem skal være knyttet til en person."})


class CalendarToken(models.Model):
    """The secret in a member's personal calendar link (`/min-side/kalender/<secret>.ics`).

    Only its SHA-256 digest is kept; the secret is shown once, when it is made. It opens the owner's
    calendar and nothing else, and shows what the owner may see when the calendar is fetched. A new one
    revokes the one before; a revoked one opens nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="bruger",
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
    )
    digest = models.CharField("SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    revoked_at = models.DateTimeField("tilbagekaldt", null=True, blank=True)

    class Meta:
        verbose_name = "kalenderlink"
        verbose_name_plural = "kalenderlinks"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_token_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        state = "aktivt" if self.revoked_at is None else "tilbagekaldt"
        return f"Kalenderlink for {self.user} ({state})"
