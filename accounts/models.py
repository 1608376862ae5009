"""Users, organizations (the tenant), memberships and API keys."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.base_user import BaseUserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

API_KEY_PREFIX = "ef_live_"
# last_used_at is written at most this often, so a busy key costs no write per request.
LAST_USED_RESOLUTION = timedelta(minutes=5)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)

    def get_by_natural_key(self, email: str) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an email address; belongs to organizations."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.email

    @property
    def personal_organization(self) -> Organization:
        return Organization.objects.personal_for(self)

    def default_organization(self) -> Organization | None:
        membership = self.memberships.select_related("organization").order_by("created_at").first()
        return membership.organization if membership else None


class OrganizationManager(models.Manager["Organization"]):
    def personal_for(self, user: User) -> Organization:
        """The user's personal organization, created on first need."""
        with transaction.atomic():
            org = self.filter(personal_owner=user).first()
            if org is None:
                base = slugify(user.email.split("@")[0]) or "org"
                org = self.create(
                    name=f"{user.email}'s workspace",
                    slug=f"{base}-{secrets.token_hex(3)}",
                    personal_owner=user,
                )
                Membership.objects.create(organization=org, user=user, role=Membership.Role.OWNER)
            return org


class Organization(models.Model):
    """The tenant. Every tenant-owned row points here."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    # Set for the organization created at signup; a user has exactly one.
    personal_owner = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Lets other organizations reuse this one's finished animations for identical requests.
    share_generations = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationManager()

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        ADMIN = "admin", "Admin"
        MEMBER = "member", "Member"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"


def hash_api_key(raw: str) -> str:
    # Keys carry 256 bits of entropy, so a plain SHA-256 is the right tool: a
    # slow password hash would only make every API request slower.
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKeyManager(models.Manager["ApiKey"]):
    def issue(self, organization: Organization, name: str = "", created_by: User | None = None) -> tuple[ApiKey, str]:
        """Create a key and return it with the raw secret, which is never stored."""
        raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
        key = self.create(
            organization=organization,
            name=name or "API key",
            created_by=created_by,
            key_hash=hash_api_key(raw),
            last_four=raw[-4:],
        )
        return key, raw

    def find_active(self, raw: str) -> ApiKey | None:
        if not raw.startswith(API_KEY_PREFIX):
            return None
        return (
            self.select_related("organization")
            .filter(key_hash=hash_api_key(raw))
            .first()
        )


class ApiKey(models.Model):
    """An organization's key for the REST API. Only a hash of the secret is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    last_four = models.CharField(max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({API_KEY_PREFIX}…{self.last_four})"

    @property
    def display(self) -> str:
        return f"{API_KEY_PREFIX}…{self.last_four}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at > LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
