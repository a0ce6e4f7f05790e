"""Demo data for Học Bình Đẳng: Cần Thơ's wards, schools, classes, one login per role, students.

The wards, named schools, logins and names are data, read by `demo_content` from the YAML files in
`lms/accounts/content/demo/`; this module plans the seed (how many schools and classes a number of
students needs, who is called what) and writes it. The home pages' text belongs to the site and is
seeded by `cms/demo.py`.

Everything is found by a natural key before it is made (area name under its parent, school name in
its area, classroom name in its school and year, usernames), so seeding twice changes nothing and a
larger `students` count only adds.

Students are made in bulk with one password hash shared by all: Argon2 costs tens of milliseconds
a hash, so hashing per student would turn a 300,000-student seed from minutes into hours.
"""

import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO, TypeVar

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lms.accounts import services
from lms.accounts.demo_areas import Tally, seed_areas, seed_population_figures
from lms.accounts.demo_content import (
    DEMO_SCHOOL,
    DEMO_USERS,
    FAMILY_NAMES,
    FEMALE_NAMES,
    GENERATED_LEVELS,
    MALE_NAMES,
    SCHOOLS,
    SHARED_NAMES,
    WARDS,
    SchoolSpec,
)
from lms.accounts.models import (
    Area,
    Classroom,
    ClassroomMembership,
    Role,
    School,
    SchoolConsent,
    SchoolEnrolment,
    Sex,
    User,
    current_school_year,
    new_join_code,
)

DEMO_PASSWORD = "hocbinhdang2026"
DEMO_EMAIL_DOMAIN = "demo.hocbinhdang.vn"
DEFAULT_STUDENTS = 200
BATCH_SIZE = 5_000
# Vietnamese classes hold 35-45 pupils; the large seed adds schools to stay near this.
CLASS_SIZE = 40
# Generated schools open this many classes in each of their grades.
CLASSES_PER_GRADE = 4
# Children start grade 1 in the calendar year they turn 6.
AGE_IN_GRADE_ONE = 6
STUDENT_USERNAME = "hs{:06d}"
STUDENT_USERNAME_PATTERN = r"^hs[0-9]{6}$"
TEACHER_USERNAME = "gv{:06d}"
PROGRESS_EVERY = 50_000


# --- Result -----------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    """What the seed found and added: printed by the command, timed by the benchmark."""

    areas: Tally
    population_figures: Tally
    schools: Tally
    enrolment_figures: Tally
    classrooms: Tally
    teachers: Tally
    demo_users: Tally
    students: Tally

    def lines(self) -> list[str]:
        def row(label: str, tally: Tally) -> str:
            return f"{summary_line(label, tally.total)} ({tally.new:,} new)"

        return [
            "Demo data:",
            row("areas", self.areas),
            row("population figures", self.population_figures),
            row("schools", self.schools),
            row("enrolment figures", self.enrolment_figures),
            row("classrooms", self.classrooms),
            row("class teachers", self.teachers),
            row("demo logins", self.demo_users),
            row("students", self.students),
        ]


def summary_line(label: str, count: int) -> str:
    """A row of the summary, for a caller that adds its own rows below the seed's (the command)."""
    return f"  {label:<20}{count:>9,}"


# --- Plan: pure functions, no database --------------------------------------------------------


def mix(number: int) -> int:
    """A cheap, stable scramble: demo data looks varied yet is the same on every run."""
    number = ((number ^ 0x9E3779B9) * 0x85EBCA6B) & 0xFFFFFFFF
    number ^= number >> 13
    number = (number * 0xC2B2AE35) & 0xFFFFFFFF
    return number ^ (number >> 16)


def stable_hash(text: str) -> int:
    """Python's hash() of a str changes between runs; CRC32 does not."""
    return zlib.crc32(text.encode())


def generated_school(number: int) -> SchoolSpec:
    """The n-th extra school of the large seed: levels take turns, spread over the wards."""
    level, name = GENERATED_LEVELS[(number - 1) % len(GENERATED_LEVELS)]
    ward = WARDS[(number - 1) % len(WARDS)].name
    grades = School.GRADES[level]
    h = mix(number)
    return SchoolSpec(
        name=name.format((number - 1) // len(GENERATED_LEVELS) + 1),
        level=level,
        ward=ward,
        # A little more than the classes hold: not every pupil has an account.
        pupils_per_grade=CLASSES_PER_GRADE * (CLASS_SIZE + 5) + h % 20,
        female_share=0.47 + (h >> 8) % 5 / 100,
        classrooms=tuple(
            (grade, f"{grade}A{k}") for grade in grades for k in range(1, CLASSES_PER_GRADE + 1)
        ),
    )


def plan_schools(*, students: int) -> list[SchoolSpec]:
    """The named schools, then as many generated ones as keep classes at about CLASS_SIZE."""
    schools = list(SCHOOLS)
    capacity = sum(len(spec.classrooms) for spec in schools) * CLASS_SIZE
    number = 0
    while capacity < students:
        number += 1
        spec = generated_school(number)
        schools.append(spec)
        capacity += len(spec.classrooms) * CLASS_SIZE
    return schools


@dataclass(frozen=True)
class ClassroomSpec:
    school: SchoolSpec
    grade: int
    name: str


def plan_classrooms(schools: Iterable[SchoolSpec]) -> list[ClassroomSpec]:
    """Classrooms in a fixed order: a larger seed extends this list, never reorders it."""
    return [
        ClassroomSpec(school=spec, grade=grade, name=name)
        for spec in schools
        for grade, name in spec.classrooms
    ]


def enrolment_figures(spec: SchoolSpec) -> Iterator[tuple[int, str, int]]:
    """(grade, sex, pupils) for each grade of the school, varying a little from grade to grade."""
    for grade in School.GRADES[spec.level]:
        h = mix(stable_hash(f"{spec.name}/{grade}"))
        total = spec.pupils_per_grade * (92 + h % 17) // 100
        female = round(total * spec.female_share)
        yield grade, Sex.FEMALE, female
        yield grade, Sex.MALE, total - female


def birth_year_for(*, grade: int, school_year: int) -> int:
    return school_year - (grade - 1) - AGE_IN_GRADE_ONE


def student_profile(number: int) -> tuple[str, str]:
    """(display name, sex) of demo student n: about half girls, half boys, a few not stated."""
    h = mix(number)
    share = h % 100
    pick = h >> 8
    if share < 2:
        return SHARED_NAMES[pick % len(SHARED_NAMES)], Sex.NOT_STATED
    if share < 51:
        return FEMALE_NAMES[pick % len(FEMALE_NAMES)], Sex.FEMALE
    return MALE_NAMES[pick % len(MALE_NAMES)], Sex.MALE


def teacher_profile(number: int) -> tuple[str, str]:
    """(full name, sex) of class teacher n; most teachers in Vietnamese schools are women."""
    h = mix(number + 7_919)
    family = FAMILY_NAMES[(h >> 4) % len(FAMILY_NAMES)]
    if h % 10 < 7:
        return f"{family} {FEMALE_NAMES[(h >> 12) % len(FEMALE_NAMES)]}", Sex.FEMALE
    return f"{family} {MALE_NAMES[(h >> 12) % len(MALE_NAMES)]}", Sex.MALE


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


T = TypeVar("T")


def chunks(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Writes -----------------------------------------------------------------------------------


def seed_demo(*, students: int = DEFAULT_STUDENTS, stdout: TextIO | None = None) -> DemoSummary:
    """Seed everything; safe to repeat. Students go in batches, each its own transaction, so an
    interrupted large seed keeps whole batches and a rerun finishes the rest."""
    year = current_school_year()
    # One hash for every demo account (see the module docstring).
    password_hash = make_password(DEMO_PASSWORD)
    school_specs = plan_schools(students=students)
    classroom_specs = plan_classrooms(school_specs)
    with transaction.atomic():
        areas, wards = seed_areas()
        population = seed_population_figures(wards=wards)
        schools, schools_new = seed_schools(specs=school_specs, wards=wards)
        enrolment = seed_enrolment_figures(specs=school_specs, schools=schools, school_year=year)
        classrooms, classrooms_new = seed_classrooms(
            specs=classroom_specs, schools=schools, school_year=year
        )
        teachers = seed_class_teachers(classrooms=classrooms, password_hash=password_hash)
        demo_users = seed_demo_users(
            schools=schools, classrooms=classrooms, password_hash=password_hash
        )
        seed_school_consent(school=schools[DEMO_SCHOOL.name], school_year=year)
    created = seed_students(
        count=students, classrooms=classrooms, password_hash=password_hash, stdout=stdout
    )
    return DemoSummary(
        areas=areas,
        population_figures=population,
        schools=Tally(len(schools), schools_new),
        enrolment_figures=enrolment,
        classrooms=Tally(len(classrooms), classrooms_new),
        teachers=teachers,
        demo_users=demo_users,
        students=Tally(
            User.objects.filter(username__regex=STUDENT_USERNAME_PATTERN).count(), created
        ),
    )


def seed_school_consent(*, school: School, school_year: int) -> None:
    """The demo school's consent for this school year, as an officer would record it from the
    school's letter; the other schools' is still to come (the officer's page lists them)."""
    SchoolConsent.objects.get_or_create(
        school=school,
        school_year=school_year,
        defaults={
            "reference": f"Công văn số 12/{school.code or 'THCS'}, ngày 05/09/{school_year}",
            "received_on": date(school_year, 9, 5),
            "recorded_at": timezone.now(),
        },
    )


def seed_schools(
    *, specs: Sequence[SchoolSpec], wards: dict[str, Area]
) -> tuple[dict[str, School], int]:
    """The planned schools, found by name in their ward, keyed by name (unique in the plan)."""

    def existing() -> dict[tuple[int, str], School]:
        rows = School.objects.filter(
            area__in=list(wards.values()), name__in=[spec.name for spec in specs]
        )
        return {(row.area_id, row.name): row for row in rows}

    found = existing()
    missing = [
        School(name=spec.name, level=spec.level, area=wards[spec.ward])
        for spec in specs
        if (wards[spec.ward].pk, spec.name) not in found
    ]
    School.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    found = existing() if missing else found
    return {spec.name: found[(wards[spec.ward].pk, spec.name)] for spec in specs}, len(missing)


def seed_enrolment_figures(
    *, specs: Sequence[SchoolSpec], schools: dict[str, School], school_year: int
) -> Tally:
    """Pupils by grade and sex for this school year: the denominator of the 80% target."""
    ids = [schools[spec.name].pk for spec in specs]
    existing = set(
        SchoolEnrolment.objects.filter(school__in=ids, school_year=school_year).values_list(
            "school_id", "grade", "sex"
        )
    )
    wanted = [
        SchoolEnrolment(
            school=schools[spec.name], school_year=school_year, grade=grade, sex=sex, pupils=pupils
        )
        for spec in specs
        for grade, sex, pupils in enrolment_figures(spec)
    ]
    missing = [row for row in wanted if (row.school_id, row.grade, row.sex) not in existing]
    SchoolEnrolment.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return Tally(len(wanted), len(missing))


def seed_classrooms(
    *, specs: Sequence[ClassroomSpec], schools: dict[str, School], school_year: int
) -> tuple[list[Classroom], int]:
    """The planned classrooms of this school year, in plan order."""
    school_ids = {schools[spec.school.name].pk for spec in specs}

    def existing() -> dict[tuple[int, str], Classroom]:
        rows = Classroom.objects.filter(school__in=school_ids, school_year=school_year)
        return {(row.school_id, row.name): row for row in rows}

    found = existing()
    missing = [
        Classroom(
            school=schools[spec.school.name],
            grade=spec.grade,
            school_year=school_year,
            name=spec.name,
        )
        for spec in specs
        if (schools[spec.school.name].pk, spec.name) not in found
    ]
    _give_unique_join_codes(missing)
    Classroom.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    found = existing() if missing else found
    classrooms = [found[(schools[spec.school.name].pk, spec.name)] for spec in specs]
    return classrooms, len(missing)


def _give_unique_join_codes(classrooms: list[Classroom]) -> None:
    """bulk_create skips the per-row retry a form would do, and with thousands of classes a
    random six-letter code collides now and then: draw again until no code is taken."""
    pending = classrooms
    taken: set[str] = set()
    while pending:
        for classroom in pending:
            classroom.join_code = new_join_code()
        codes = [classroom.join_code for classroom in pending]
        for chunk in chunks(codes):
            taken.update(
                Classroom.objects.filter(join_code__in=chunk).values_list("join_code", flat=True)
            )
        seen: set[str] = set()
        clashing = []
        for classroom in pending:
            if classroom.join_code in taken or classroom.join_code in seen:
                clashing.append(classroom)
            else:
                seen.add(classroom.join_code)
        taken.update(seen)
        pending = clashing


def seed_class_teachers(*, classrooms: Sequence[Classroom], password_hash: str) -> Tally:
    """One homeroom teacher per classroom, named after the classroom's place in the plan."""
    group = Group.objects.get(name=Role.TEACHER)
    usernames = [TEACHER_USERNAME.format(n) for n in range(1, len(classrooms) + 1)]
    existing = _existing_usernames(usernames)
    now = timezone.now()
    new_teachers = []
    for number, (username, classroom) in enumerate(zip(usernames, classrooms, strict=True), 1):
        if username in existing:
            continue
        name, sex = teacher_profile(number)
        new_teachers.append(
            User(
                username=username,
                display_name=name,
                sex=sex,
                email=demo_email(username),
                school_id=classroom.school_id,
                password=password_hash,
                date_joined=now,
            )
        )
    User.objects.bulk_create(new_teachers, batch_size=BATCH_SIZE)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in new_teachers],
        batch_size=BATCH_SIZE,
    )
    ids = _user_ids(usernames)
    Link = Classroom.teachers.through
    linked: set[tuple[int, int]] = set()
    for chunk in chunks([classroom.pk for classroom in classrooms]):
        linked.update(
            Link.objects.filter(classroom_id__in=chunk).values_list("classroom_id", "user_id")
        )
    links = [
        Link(classroom_id=classroom.pk, user_id=ids[username])
        for username, classroom in zip(usernames, classrooms, strict=True)
        if (classroom.pk, ids[username]) not in linked
    ]
    Link.objects.bulk_create(links, batch_size=BATCH_SIZE)
    return Tally(len(usernames), len(new_teachers))


def seed_demo_users(
    *, schools: dict[str, School], classrooms: Sequence[Classroom], password_hash: str
) -> Tally:
    """One login per role. An existing account is left as it is (its password too)."""
    school = schools[DEMO_SCHOOL.name]
    demo_classes = [room for room in classrooms if room.school_id == school.pk]
    first_class = demo_classes[0]
    new = 0
    for spec in DEMO_USERS:
        is_student = spec.role == Role.STUDENT
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "display_name": spec.display_name,
                "sex": spec.sex,
                "password": password_hash,
                # Students are minors: no email. Staff may sign in with theirs.
                "email": "" if is_student else demo_email(spec.username),
                "is_staff": spec.is_staff,
                "is_superuser": spec.role == Role.ADMIN,
                "school": school if spec.role in (Role.STUDENT, Role.TEACHER) else None,
                # The demo officer follows the whole city.
                "area": Area.get_root_nodes().first() if spec.role == Role.OFFICER else None,
                "birth_year": (
                    birth_year_for(grade=first_class.grade, school_year=first_class.school_year)
                    if is_student
                    else None
                ),
            },
        )
        new += created
        services.assign_role(user=user, role=spec.role)
        if spec.role == Role.TEACHER:
            user.taught_classrooms.add(*demo_classes)
        in_class = user.memberships.current().filter(school_year=first_class.school_year)
        if is_student and not in_class.exists():
            ClassroomMembership.objects.create(
                classroom=first_class, student=user, school_year=first_class.school_year
            )
    return Tally(len(DEMO_USERS), new)


def seed_students(
    *,
    count: int,
    classrooms: Sequence[Classroom],
    password_hash: str,
    stdout: TextIO | None = None,
) -> int:
    """Students hs000001..hs{count}: the missing ones are made, dealt round the classrooms.

    Returns how many were created. Each batch (users, their student group, their
    membership) commits together, so no student is ever left without a class.
    """
    group = Group.objects.get(name=Role.STUDENT)
    now = timezone.now()
    created = 0
    for numbers in chunks(range(1, count + 1)):
        existing = _existing_usernames([STUDENT_USERNAME.format(n) for n in numbers])
        new_students: list[tuple[User, Classroom]] = []
        for number in numbers:
            username = STUDENT_USERNAME.format(number)
            if username in existing:
                continue
            classroom = classrooms[(number - 1) % len(classrooms)]
            name, sex = student_profile(number)
            user = User(
                username=username,
                display_name=name,
                sex=sex,
                birth_year=birth_year_for(grade=classroom.grade, school_year=classroom.school_year),
                school_id=classroom.school_id,
                password=password_hash,
                date_joined=now,
            )
            new_students.append((user, classroom))
        if not new_students:
            continue
        with transaction.atomic():
            User.objects.bulk_create([user for user, _ in new_students], batch_size=BATCH_SIZE)
            User.groups.through.objects.bulk_create(
                [
                    User.groups.through(user_id=user.pk, group_id=group.pk)
                    for user, _ in new_students
                ],
                batch_size=BATCH_SIZE,
            )
            ClassroomMembership.objects.bulk_create(
                [
                    ClassroomMembership(
                        classroom_id=classroom.pk,
                        student_id=user.pk,
                        school_year=classroom.school_year,
                        joined_at=now,
                    )
                    for user, classroom in new_students
                ],
                batch_size=BATCH_SIZE,
            )
        before = created
        created += len(new_students)
        if stdout is not None and created // PROGRESS_EVERY > before // PROGRESS_EVERY:
            stdout.write(
                f"  students: {created:,} new so far (up to {numbers[-1]:,} of {count:,})\n"
            )
    return created


def _existing_usernames(usernames: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(usernames):
        found.update(User.objects.filter(username__in=chunk).values_list("username", flat=True))
    return found


def _user_ids(usernames: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in chunks(usernames):
        ids.update(User.objects.filter(username__in=chunk).values_list("username", "pk"))
    return ids


def demo_logins(*, students: int) -> list[tuple[str, str, str]]:
    """(username, password, role) rows for the table the command prints after seeding."""
    rows = [(spec.username, DEMO_PASSWORD, spec.role.value) for spec in DEMO_USERS]
    if students:
        first, last = STUDENT_USERNAME.format(1), STUDENT_USERNAME.format(students)
        span = first if students == 1 else f"{first}…{last}"
        rows.append((span, DEMO_PASSWORD, Role.STUDENT.value))
    rows.append((TEACHER_USERNAME.format(1) + "…", DEMO_PASSWORD, Role.TEACHER.value))
    return rows
