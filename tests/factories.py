"""Builders for just what a test needs. Areas are a treebeard tree, so they get a function."""

import factory
from django.contrib.auth.models import Group

from lms.accounts.models import Area, Classroom, ClassroomMembership, Role, School, Sex, User

PASSWORD = "mat-khau-thu-2026"


def make_area(
    name: str = "Thành phố Cần Thơ", *, parent: Area | None = None, kind: str = ""
) -> Area:
    kind = kind or ("phường" if parent else "thành phố")
    if parent is None:
        return Area.add_root(name=name, kind=kind)
    return parent.add_child(name=name, kind=kind)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Trường THCS số {n}")
    level = School.Level.LOWER_SECONDARY
    area = factory.LazyFunction(lambda: make_area(f"Phường thử {Area.objects.count()}"))


def _give_role(default: Role | None = None):
    def give(user: User, create: bool, extracted: Role | None, **kwargs) -> None:
        role = extracted or default
        if create and role:
            group, _ = Group.objects.get_or_create(name=str(role))
            user.groups.add(group)

    return factory.PostGeneration(give)


class UserFactory(factory.django.DjangoModelFactory):
    """`UserFactory(role=Role.TEACHER)`; the role becomes group membership, as in production."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Iterator(["Lan", "Minh", "Thảo", "Khoa", "Ngọc Anh", "Bảo"])
    sex = Sex.NOT_STATED
    password = factory.django.Password(PASSWORD)
    role = _give_role()


class StudentFactory(UserFactory):
    birth_year = 2012
    role = _give_role(Role.STUDENT)


class TeacherFactory(UserFactory):
    email = factory.Sequence(lambda n: f"giaovien{n}@truong.edu.vn")
    role = _give_role(Role.TEACHER)


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classroom
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    grade = 8
    name = factory.Sequence(lambda n: f"8A{n}")

    @factory.post_generation
    def teachers(self, create, extracted, **kwargs):
        if create and extracted:
            self.teachers.add(*extracted)


def enrol(student: User, classroom: Classroom) -> ClassroomMembership:
    return ClassroomMembership.objects.create(
        classroom=classroom, student=student, school_year=classroom.school_year
    )
