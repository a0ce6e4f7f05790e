"""The signed-in user, from the cache: every API call and page needs it, autosave most of all.

A quiz autosave would otherwise spend a third of its time fetching the same user again. The cached
copy carries the user's roles, read when it was kept. It is dropped whenever the user, their groups
or their API token change (signals below); a change made without signals (a queryset `update`)
shows within `SIGNED_IN_TTL` seconds.
"""

import functools
import logging

from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from lms.accounts.errors import StalePage
from lms.accounts.models import Role, User

logger = logging.getLogger(__name__)
SIGNED_IN_TTL = 300


def _user_key(pk) -> str:
    return f"signed-in:user:{pk}"


def _token_key(key: str) -> str:
    return f"signed-in:token:{key}"


def _keep(key: str, user: User) -> None:
    user.roles  # noqa: B018 (read now, so that the kept copy carries the user's roles too)
    cache.set(key, user, SIGNED_IN_TTL)


@functools.cache
def _cold_read_sql(by_token: bool) -> str:
    """The user, with their group names in the same row (PostgreSQL's ARRAY of a subquery), by
    API token or by id. Written out once: a pupil's first request of a round (the start, the
    submit on another app server) reads its user cold, and the ORM's building of this query
    cost as much as running it."""
    q = connection.ops.quote_name
    user, group = User._meta, Group._meta
    through = User.groups.through._meta
    user_column = q(through.get_field("user").column)
    group_column = q(through.get_field("group").column)
    names = (
        f"ARRAY(SELECT g.{q('name')} FROM {q(group.db_table)} g JOIN {q(through.db_table)} ug"
        f" ON ug.{group_column} = g.{q('id')} WHERE ug.{user_column} = u.{q('id')})"
    )
    if by_token:
        token = Token._meta
        return (
            f"SELECT u.*, {names} AS role_names FROM {q(token.db_table)} t JOIN"
            f" {q(user.db_table)} u ON u.{q('id')} = t.{q('user_id')} WHERE t.{q('key')} = %s"
        )
    return f"SELECT u.*, {names} AS role_names FROM {q(user.db_table)} u WHERE u.{q('id')} = %s"


def _read_cold(*, token: str | None = None, pk=None) -> User | None:
    """The user of an API token, or of an id, with their roles known."""
    if connection.vendor == "postgresql":
        rows = User.objects.raw(_cold_read_sql(token is not None), [token or pk])
        user = next(iter(rows), None)
        if user is not None:
            user.knows_roles(
                name for name in user.__dict__.pop("role_names") if name in Role.values
            )
        return user
    if token is not None:
        found = Token.objects.select_related("user").filter(key=token).first()
        return found.user if found is not None else None
    return User.objects.filter(pk=pk).first()


def user_by_id(pk) -> User | None:
    user = cache.get(_user_key(pk))
    if user is None:
        user = _read_cold(pk=pk)
        if user is not None:
            _keep(_user_key(pk), user)
    return user


def user_by_token(key: str) -> User | None:
    user = cache.get(_token_key(key))
    if user is None:
        user = _read_cold(token=key)
        if user is None:
            return None
        _keep(_token_key(key), user)
    return user


def keep_for_token(key: str, user: User) -> None:
    """A token sign-in keeps the user it just checked: the app's next call, a quiz's start on
    contest morning, then finds it instead of reading it cold. Never fails a sign-in: without
    the cache that call reads the user itself."""
    try:
        _keep(_token_key(key), user)
    except Exception:
        logger.warning("signed-in user not kept: the cache did not answer", exc_info=True)


def forget(user_pk) -> None:
    keys = [_user_key(user_pk)]
    keys += [
        _token_key(key)
        for key in Token.objects.filter(user_id=user_pk).values_list("key", flat=True)
    ]
    cache.delete_many(keys)


class CachedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, reading the token's user from the cache."""

    def authenticate_credentials(self, key):
        user = user_by_token(key)
        if user is None:
            raise AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        return (user, key)


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's, refusing a write without the page's CSRF token in words a pupil can act on."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refused:
            raise StalePage() from refused


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields == frozenset({"last_login"}):  # signing in: keep the fresh copy instead
        _keep(_user_key(instance.pk), instance)
        return
    forget(instance.pk)


@receiver(post_save, sender=User)
def _password_changed(sender, instance, created=False, **kwargs):
    """A new password, changed or reset by a teacher, ends every API token of the account: a
    phone that kept one must sign in again. (Other browser sessions end by themselves: Django
    checks each session against the password it was opened with.)"""
    if not created and getattr(instance, "_password", None) is not None:
        Token.objects.filter(user=instance).delete()


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    _keep(_user_key(user.pk), user)


@receiver(m2m_changed, sender=User.groups.through)
def _roles_changed(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, User):
        forget(instance.pk)
    else:  # a group's members changed, seen from the group
        for pk in pk_set or ():
            forget(pk)


@receiver(post_delete, sender=Token)
def _token_deleted(sender, instance, **kwargs):
    cache.delete(_token_key(instance.key))
