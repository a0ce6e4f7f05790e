"""Writes about people and their classes. Transactions live here, not in views."""

import secrets
import time
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import IntegrityError, transaction

from lms.accounts import errors
from lms.accounts.models import Classroom, ClassroomMembership, Role, User
from lms.accounts.sign_in_limits import Rate, bump
from lms.core.search import folded


def assign_role(*, user: User, role: Role | str) -> None:
    group, _created = Group.objects.get_or_create(name=str(role))
    user.groups.add(group)
    user.__dict__.pop("roles", None)


def ascii_slug(text: str) -> str:
    """'Nguyễn Thị Đào' -> 'nguyenthidao': Vietnamese letters folded to plain ASCII."""
    return "".join(ch for ch in folded(text) if ch.isascii() and ch.isalnum())


def generate_username(display_name: str) -> str:
    """A short, typeable, unused username from the given name plus digits, e.g. 'lan4821'."""
    words = ascii_slug(display_name.split()[-1] if display_name.split() else "") or "hs"
    base = words[:12]
    for _attempt in range(20):
        candidate = f"{base}{secrets.randbelow(9000) + 1000}"
        if not User.objects.filter(username=candidate).exists():
            return candidate
    return f"{base}{secrets.token_hex(4)}"


def find_classroom_by_code(code: str, *, address: str = "") -> Classroom:
    """The class of a code. Wrong codes from `address` (the caller's network) are counted, and
    past JOIN_CODE_GUESSES_PER_ADDRESS in a window refused before looking: codes cannot be tried
    one after another to learn which classes and schools exist."""
    guesses, now = Rate(*settings.JOIN_CODE_GUESSES_PER_ADDRESS), time.time()
    key = f"join-code:wrong:{address}:{guesses.window(now)}"
    if address and (cache.get(key) or 0) >= guesses.count:
        raise errors.JoinCodeGuessesPaused(retry_after=guesses.seconds_left(now))
    normalised = (code or "").strip().upper().replace(" ", "").replace("-", "")
    classroom = Classroom.objects.select_related("school").filter(join_code=normalised).first()
    if classroom is None:
        if address:
            bump(key, guesses.seconds)
        raise errors.JoinCodeUnknown()
    return classroom


@transaction.atomic
def join_classroom(
    *, student: User, code: str, now: datetime, address: str = ""
) -> ClassroomMembership:
    """Put a student into the class whose code they typed, for that class's school year."""
    classroom = find_classroom_by_code(code, address=address)
    if not classroom.join_code_is_open(now):
        raise errors.JoinCodeExpired()
    if not student.is_student:
        raise errors.OnlyStudentsJoin()
    current = (
        ClassroomMembership.objects.select_for_update()
        .current()
        .filter(student=student, school_year=classroom.school_year)
        .first()
    )
    if current is not None:
        if current.classroom_id == classroom.pk:
            raise errors.AlreadyMember()
        raise errors.InClassThisYear()
    try:
        with transaction.atomic():
            membership = ClassroomMembership.objects.create(
                classroom=classroom,
                student=student,
                school_year=classroom.school_year,
                joined_at=now,
            )
    except IntegrityError as exc:  # two joins racing: the constraint keeps one
        raise errors.AlreadyMember() from exc
    if student.school_id != classroom.school_id:
        student.school = classroom.school
        student.save(update_fields=["school"])
    return membership


@transaction.atomic
def create_student(
    *,
    display_name: str,
    birth_year: int | None,
    sex: str,
    password: str | None,
    username: str | None = None,
    school=None,
) -> User:
    student = User(
        username=username or generate_username(display_name),
        display_name=display_name.strip(),
        birth_year=birth_year,
        sex=sex,
        school=school,
    )
    if password:
        student.set_password(password)
    else:
        student.set_unusable_password()
    student.save()
    assign_role(user=student, role=Role.STUDENT)
    return student


@transaction.atomic
def sign_up_with_join_code(
    *,
    code: str,
    display_name: str,
    birth_year: int | None,
    sex: str,
    password: str,
    now: datetime,
    address: str = "",
) -> tuple[User, ClassroomMembership]:
    """A new student account that starts life in the class of the code. All or nothing."""
    classroom = find_classroom_by_code(code, address=address)
    if not classroom.join_code_is_open(now):
        raise errors.JoinCodeExpired()
    student = create_student(
        display_name=display_name,
        birth_year=birth_year,
        sex=sex,
        password=password,
        school=classroom.school,
    )
    membership = join_classroom(student=student, code=classroom.join_code, now=now)
    return student, membership


def leave_classroom(*, student: User, classroom: Classroom, at: datetime) -> None:
    """Close the student's membership; the row (and their attempts and progress) stay."""
    ClassroomMembership.objects.current().filter(classroom=classroom, student=student).update(
        left_at=at
    )


@transaction.atomic
def move_to_classroom(
    *, student: User, source: Classroom, target: Classroom, at: datetime
) -> ClassroomMembership:
    leave_classroom(student=student, classroom=source, at=at)
    return ClassroomMembership.objects.create(
        classroom=target, student=student, school_year=target.school_year, joined_at=at
    )


def open_classroom(*, teacher: User, school, grade: int, school_year: int, name: str) -> Classroom:
    """A new class taught by `teacher`: in their own school (administrators: any school)."""
    if teacher.school_id and school.pk != teacher.school_id and not teacher.has_role(Role.ADMIN):
        raise errors.NotYourSchool(fields={"school": [str(errors.NotYourSchool.message)]})
    try:
        with transaction.atomic():
            classroom = Classroom.objects.create(
                school=school, grade=grade, school_year=school_year, name=name
            )
            classroom.teachers.add(teacher)
    except IntegrityError as taken:
        raise errors.ClassNameTaken(
            fields={"name": [str(errors.ClassNameTaken.message)]}
        ) from taken
    return classroom
