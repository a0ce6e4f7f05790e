"""Who may see what. One rule per kind of object, used by lists and detail views alike."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from rest_framework.permissions import BasePermission

from lms.accounts.models import Area, Classroom, Role, School, User


def role_required(*roles: Role | str) -> Callable:
    """Anonymous visitors go to the login page; signed-in users without the role get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HasRole(BasePermission):
    """DRF: `permission_classes = [HasRole.of(Role.TEACHER)]`."""

    roles: tuple[str, ...] = ()

    @classmethod
    def of(cls, *roles: Role | str) -> type["HasRole"]:
        return type(f"Has{'Or'.join(r.title() for r in roles)}Role", (cls,), {"roles": roles})

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(*self.roles))


class ClassroomAccess:
    @staticmethod
    def scope(user: User, qs: QuerySet[Classroom]) -> QuerySet[Classroom]:
        if not user.is_authenticated:
            return qs.none()
        if user.has_role(Role.ADMIN):
            return qs
        if user.is_teacher:
            return qs.filter(teachers=user)
        return qs.none()

    @classmethod
    def allows(cls, user: User, classroom: Classroom) -> bool:
        return cls.scope(user, Classroom.objects.filter(pk=classroom.pk)).exists()


def area_in_charge(user: User) -> Area | None:
    """The area whose schools, people and figures a user follows: the city for admins, an
    officer's own area, none for anyone else. Read afresh, not from the signed-in copy: adding
    a unit renumbers its siblings' paths, and scopes go by path."""
    if user.has_role(Role.ADMIN):
        return Area.get_root_nodes().first()
    if user.has_role(Role.OFFICER) and user.area_id is not None:
        return Area.objects.filter(pk=user.area_id).first()
    return None


class SchoolAccess:
    """Admins every school; an officer the schools of their area and every unit below it."""

    @staticmethod
    def scope(user: User, qs: QuerySet[School]) -> QuerySet[School]:
        if not user.is_authenticated:
            return qs.none()
        if user.has_role(Role.ADMIN):
            return qs
        area = area_in_charge(user)
        return qs.filter(area__path__startswith=area.path) if area is not None else qs.none()


class PeopleAccess:
    """Whose personal data a user handles: an officer the pupils of the schools in their area,
    an admin anyone who is not staff. Someone else's person answers 404."""

    @staticmethod
    def scope(user: User, qs: QuerySet[User]) -> QuerySet[User]:
        if not user.has_role(Role.OFFICER, Role.ADMIN):
            return qs.none()
        people = qs.filter(is_staff=False, is_superuser=False, groups__name=Role.STUDENT)
        if user.has_role(Role.ADMIN):
            return people
        return people.filter(school__in=SchoolAccess.scope(user, School.objects.all()))
