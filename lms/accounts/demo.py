"""Demo data for Học Bình Đẳng: Cần Thơ's wards, schools, classes, one login per role, students.

Everything is found by a natural key before it is made (area name under its parent, school name in
its area, classroom name in its school and year, usernames), so seeding twice changes nothing and a
larger `students` count only adds. Names and figures are plausible, not official statistics.

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
POPULATION_YEAR = 2025
STUDENT_USERNAME = "hs{:06d}"
STUDENT_USERNAME_PATTERN = r"^hs[0-9]{6}$"
TEACHER_USERNAME = "gv{:06d}"
PROGRESS_EVERY = 50_000


# --- Areas: Cần Thơ after the 2025 merger of units --------------------------------------------


@dataclass(frozen=True)
class WardSpec:
    name: str
    kind: str
    female: int
    male: int


CITY_NAME = "Thành phố Cần Thơ"
CITY_KIND = "thành phố"
WARDS: tuple[WardSpec, ...] = (
    WardSpec("Phường Ninh Kiều", "phường", 47_900, 44_300),
    WardSpec("Phường Cái Khế", "phường", 52_100, 48_600),
    WardSpec("Phường Tân An", "phường", 45_800, 42_700),
    WardSpec("Phường An Bình", "phường", 36_200, 34_900),
    WardSpec("Phường Thới An Đông", "phường", 30_400, 29_800),
    WardSpec("Phường Bình Thủy", "phường", 41_500, 39_800),
    WardSpec("Phường Long Tuyền", "phường", 33_600, 32_900),
    WardSpec("Phường Cái Răng", "phường", 40_200, 38_700),
    WardSpec("Phường Hưng Phú", "phường", 35_700, 34_100),
    WardSpec("Phường Ô Môn", "phường", 38_900, 38_100),
    WardSpec("Phường Phước Thới", "phường", 27_300, 27_000),
    WardSpec("Phường Thới Long", "phường", 29_100, 28_900),
    WardSpec("Phường Thốt Nốt", "phường", 44_600, 43_800),
    WardSpec("Phường Trung Nhứt", "phường", 31_200, 31_000),
    WardSpec("Phường Thuận Hưng", "phường", 36_400, 35_900),
    WardSpec("Xã Phong Điền", "xã", 28_700, 28_900),
    WardSpec("Xã Nhơn Ái", "xã", 22_300, 22_800),
    WardSpec("Xã Thới Lai", "xã", 30_100, 30_600),
    WardSpec("Xã Cờ Đỏ", "xã", 27_800, 28_400),
    WardSpec("Xã Vĩnh Thạnh", "xã", 29_500, 30_200),
)


# --- Schools and their classes ----------------------------------------------------------------


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    level: str
    ward: str
    pupils_per_grade: int
    female_share: float
    classrooms: tuple[tuple[int, str], ...]  # (grade, name)


SCHOOLS: tuple[SchoolSpec, ...] = (
    SchoolSpec(
        "Trường THPT Châu Văn Liêm",
        School.Level.UPPER_SECONDARY,
        "Phường Ninh Kiều",
        600,
        0.53,
        ((10, "10A1"), (11, "11A2"), (12, "12A1")),
    ),
    SchoolSpec(
        "Trường THCS Đoàn Thị Điểm",
        School.Level.LOWER_SECONDARY,
        "Phường Cái Khế",
        520,
        0.49,
        ((6, "6A1"), (8, "8A2"), (9, "9A3")),
    ),
    SchoolSpec(
        "Trường Tiểu học Ngô Quyền",
        School.Level.PRIMARY,
        "Phường Tân An",
        230,
        0.48,
        ((3, "3A1"), (4, "4A2"), (5, "5A1")),
    ),
    SchoolSpec(
        "Trung tâm GDNN-GDTX quận Bình Thủy",
        School.Level.CONTINUING,
        "Phường Bình Thủy",
        150,
        0.42,
        ((10, "10C1"), (12, "12C1")),
    ),
    SchoolSpec(
        "Trường THPT Phan Văn Trị",
        School.Level.UPPER_SECONDARY,
        "Xã Phong Điền",
        420,
        0.51,
        ((10, "10A2"), (11, "11A1")),
    ),
)

GENERATED_LEVELS = (
    (School.Level.PRIMARY, "Trường Tiểu học số {}"),
    (School.Level.LOWER_SECONDARY, "Trường THCS số {}"),
    (School.Level.UPPER_SECONDARY, "Trường THPT số {}"),
)


@dataclass(frozen=True)
class ClassroomSpec:
    school: SchoolSpec
    grade: int
    name: str


# --- People -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUserSpec:
    username: str
    role: Role
    display_name: str
    sex: str
    is_staff: bool = False


DEMO_USERS: tuple[DemoUserSpec, ...] = (
    DemoUserSpec("hocsinh", Role.STUDENT, "Ngọc Lan", Sex.FEMALE),
    DemoUserSpec("giaovien", Role.TEACHER, "Trần Mỹ Hạnh", Sex.FEMALE),
    DemoUserSpec("bientap", Role.EDITOR, "Lê Hoàng Nam", Sex.MALE, is_staff=True),
    DemoUserSpec("kiemduyet", Role.REVIEWER, "Đặng Minh Thư", Sex.FEMALE, is_staff=True),
    DemoUserSpec("giamkhao", Role.JUDGE, "Phạm Thu Hà", Sex.FEMALE),
    DemoUserSpec("canbo", Role.OFFICER, "Huỳnh Văn Tâm", Sex.MALE),
    DemoUserSpec("quantri", Role.ADMIN, "Võ Ngọc Diễm", Sex.FEMALE, is_staff=True),
)
# The demo teacher teaches every class of this school; the demo student sits in its first class.
DEMO_SCHOOL = SCHOOLS[0]

# Given names, some with a middle name. Students are minors: never a family name.
FEMALE_NAMES = (
    "Ngọc Lan", "Thu Trang", "Minh Thư", "Bảo Ngọc", "Gia Hân", "Khánh Linh", "Phương Anh",
    "Thảo Vy", "Hoài Thương", "Kim Ngân", "Mỹ Duyên", "Thanh Hương", "Ngọc Hân", "Diễm My",
    "Yến Nhi", "Tường Vi", "Cẩm Tú", "Như Quỳnh", "Hồng Nhung", "Thùy Dung", "Bích Ngọc",
    "Quỳnh Anh", "Lan Anh", "Mai Anh", "Hà My", "Trúc Linh", "Kiều Oanh", "Ngọc Trâm",
    "Thanh Trúc", "Huyền Trân", "Bảo Trân", "Tú Uyên", "Mỹ Tiên", "Ngọc Hạnh", "Xuân Mai",
    "Thu Hà", "Vân Anh", "Phương Thảo", "Hạnh", "Nhi",
)  # fmt: skip
MALE_NAMES = (
    "Minh Khoa", "Gia Huy", "Quốc Bảo", "Hoàng Phúc", "Đức Anh", "Minh Quân", "Tuấn Kiệt",
    "Thành Đạt", "Anh Khoa", "Nhật Minh", "Trung Kiên", "Hữu Phước", "Văn Toàn", "Quang Huy",
    "Thanh Tùng", "Hoàng Long", "Duy Khang", "Tấn Phát", "Minh Trí", "Bảo Long", "Đăng Khoa",
    "Hải Đăng", "Thiện Nhân", "Gia Bảo", "Trọng Nghĩa", "Chí Thanh", "Hoàng Nam", "Minh Hiếu",
    "Tiến Dũng", "Quốc Thịnh", "Thái Sơn", "Công Vinh", "Minh Luân", "Việt Hoàng", "Khải Minh",
    "Tuấn Anh", "Hữu Nghĩa", "Phước Lộc", "Khang", "Phúc",
)  # fmt: skip
# For the few who prefer not to state their sex: names used for girls and boys alike.
SHARED_NAMES = ("An", "Bình An", "Khánh", "Minh An", "Thiên An", "Thanh Tâm", "Hoài An", "Bảo")
# Teachers are adults and staff: a family name is fine for them.
FAMILY_NAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ",
    "Ngô", "Dương", "Lý",
)  # fmt: skip


# --- Home pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomeContent:
    language: str
    slug: str
    intro: str
    body: str


HOME_PAGES: tuple[HomeContent, ...] = (
    HomeContent(
        "vi",
        "trang-chu",
        "Hiểu đúng để đối xử công bằng: bình đẳng giới bắt đầu từ lớp học.",
        "<p>Học Bình Đẳng là nơi học sinh các trường ở Cần Thơ tìm hiểu những điều cơ bản về "
        "giới và bình đẳng giới qua bài học ngắn, bài kiểm tra luyện tập và các cuộc thi do nhà "
        "trường tổ chức. Thầy cô giao bài cho lớp và theo dõi tiến bộ; các em học ngay trên điện "
        "thoại, vào lúc thuận tiện.</p>"
        "<p>Hằng năm, từ <b>15/11 đến 15/12</b>, cả nước cùng hưởng ứng <b>Tháng hành động vì "
        "bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới</b>. Đây là dịp nhà "
        "trường và địa phương tổ chức tiết học chủ đề, diễn đàn, cuộc thi tìm hiểu và nhiều hoạt "
        "động truyền thông, để ai cũng hiểu rằng con trai và con gái có quyền và cơ hội như "
        "nhau.</p>"
        "<p>Theo Chiến lược quốc gia về bình đẳng giới giai đoạn 2021–2030, thành phố Cần Thơ "
        "phấn đấu để <b>80% người dân được tiếp cận kiến thức cơ bản về bình đẳng giới</b> vào "
        "năm 2030. Mỗi bài học em hoàn thành là một bước nhỏ góp vào mục tiêu chung ấy.</p>"
        "<ul><li>Đọc bài học theo chủ đề, mỗi bài chỉ vài phút.</li>"
        "<li>Làm bài kiểm tra luyện tập để tự kiểm tra hiểu biết.</li>"
        "<li>Tham gia cuộc thi của trường và xem kết quả của mình.</li></ul>"
        "<p>Nếu em hoặc người em quen bị bạo lực, bị xâm hại hay thấy mình không an toàn, hãy "
        "nói với người lớn em tin cậy, hoặc gọi <b>tổng đài miễn phí "
        '<a href="tel:18008065">1800 8065</a></b> của Trung tâm Công tác xã hội thành phố. Em sẽ '
        "được lắng nghe, tư vấn và giới thiệu tới nơi hỗ trợ gần nhất, như các địa chỉ tin cậy "
        "và nhà tạm lánh ở cộng đồng.</p>",
    ),
    HomeContent(
        "en",
        "home",
        "Understand it, then live it: gender equality starts in the classroom.",
        "<p>Learn Equality is where pupils in Cần Thơ's schools learn the basics of gender and "
        "gender equality, through short lessons, practice quizzes and contests run by their "
        "schools. Teachers assign work to their classes and follow progress; pupils learn on "
        "their phones, whenever suits them.</p>"
        "<p>Every year from <b>15 November to 15 December</b>, Vietnam holds the <b>Month of "
        "Action for Gender Equality and the Prevention of Gender-Based Violence</b>. Schools and "
        "wards run themed lessons, forums, knowledge contests and campaigns, so that everyone "
        "understands that girls and boys have the same rights and the same chances.</p>"
        "<p>Under the National Strategy on Gender Equality 2021–2030, Cần Thơ aims for <b>80% of "
        "its people to have access to basic knowledge about gender equality</b> by 2030. Every "
        "lesson you finish is a small step toward that shared goal.</p>"
        "<ul><li>Read lessons by topic, a few minutes each.</li>"
        "<li>Take practice quizzes to check what you have understood.</li>"
        "<li>Join your school's contests and see your own results.</li></ul>"
        "<p>If you, or someone you know, is facing violence or abuse or does not feel safe, tell "
        "an adult you trust, or call the <b>free hotline "
        '<a href="tel:18008065">1800 8065</a></b> of the city\'s Social Work Centre. You will be '
        "listened to, advised and put in touch with help nearby, such as trusted addresses and "
        "temporary shelters in the community.</p>",
    ),
)


# --- Result -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    total: int
    new: int


@dataclass
class DemoSummary:
    """What the seed found and added: printed by the command, timed by the benchmark."""

    areas: Tally
    schools: Tally
    enrolment_figures: Tally
    classrooms: Tally
    teachers: Tally
    demo_users: Tally
    students: Tally
    home_pages_updated: int

    def lines(self) -> list[str]:
        def row(label: str, tally: Tally) -> str:
            return f"  {label:<20}{tally.total:>9,} ({tally.new:,} new)"

        return [
            "Demo data:",
            row("areas", self.areas),
            row("schools", self.schools),
            row("enrolment figures", self.enrolment_figures),
            row("classrooms", self.classrooms),
            row("class teachers", self.teachers),
            row("demo logins", self.demo_users),
            row("students", self.students),
            f"  {'home pages updated':<20}{self.home_pages_updated:>9,}",
        ]


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
    home_pages = seed_home_pages()
    return DemoSummary(
        areas=areas,
        schools=Tally(len(schools), schools_new),
        enrolment_figures=enrolment,
        classrooms=Tally(len(classrooms), classrooms_new),
        teachers=teachers,
        demo_users=demo_users,
        students=Tally(
            User.objects.filter(username__regex=STUDENT_USERNAME_PATTERN).count(), created
        ),
        home_pages_updated=home_pages,
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


def seed_areas() -> tuple[Tally, dict[str, Area]]:
    """The city with its wards; population figures filled in where they are missing."""
    new = 0
    city = Area.get_root_nodes().filter(name=CITY_NAME).first()
    if city is None:
        city = Area.add_root(name=CITY_NAME, kind=CITY_KIND)
        new += 1
    _fill_population(
        city,
        female=sum(ward.female for ward in WARDS),
        male=sum(ward.male for ward in WARDS),
    )
    existing = {area.name: area for area in city.get_children()}
    wards: dict[str, Area] = {}
    for spec in WARDS:
        area = existing.get(spec.name)
        if area is None:
            # Re-read the parent: treebeard computes the new child's path from it.
            city = Area.objects.get(pk=city.pk)
            area = city.add_child(name=spec.name, kind=spec.kind)
            new += 1
        _fill_population(area, female=spec.female, male=spec.male)
        wards[spec.name] = area
    return Tally(1 + len(wards), new), wards


def _fill_population(area: Area, *, female: int, male: int) -> None:
    if area.population_female is None or area.population_male is None:
        area.population_female, area.population_male = female, male
        area.population_year = POPULATION_YEAR
        area.save(update_fields=["population_female", "population_male", "population_year"])


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


def seed_home_pages() -> int:
    """Write the home pages' campaign text once, as published revisions editors can roll back.

    A page whose body is not empty has been written (by us or an editor) and is left alone.
    """
    from cms.models import HomePage  # cms sits on top of accounts; import only when used

    updated = 0
    for content in HOME_PAGES:
        page = HomePage.objects.filter(
            locale__language_code=content.language, slug=content.slug
        ).first()
        if page is None or page.body:
            continue
        with transaction.atomic():
            page.intro = content.intro
            page.body = content.body
            page.save_revision().publish()
        updated += 1
    return updated


def demo_logins(*, students: int) -> list[tuple[str, str, str]]:
    """(username, password, role) rows for the table the command prints after seeding."""
    rows = [(spec.username, DEMO_PASSWORD, spec.role.value) for spec in DEMO_USERS]
    if students:
        first, last = STUDENT_USERNAME.format(1), STUDENT_USERNAME.format(students)
        span = first if students == 1 else f"{first}…{last}"
        rows.append((span, DEMO_PASSWORD, Role.STUDENT.value))
    rows.append((TEACHER_USERNAME.format(1) + "…", DEMO_PASSWORD, Role.TEACHER.value))
    return rows
