"""The family path: a pupil who finished a core module sends its family quiz home; a family member
answers it without an account and, passing with consent, counts once in their ward."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import AgeBand, Role, Sex
from lms.reach import family, services
from lms.reach.models import Channel, FamilyEntry, FamilyInvite, Reached
from quizzes import services as quiz_services
from quizzes.errors import NotInAudience
from quizzes.models import QuestionChoice
from quizzes.pages import standalone_quizzes
from tests import pages
from tests.factories import (
    StudentFactory,
    UserFactory,
    build_city,
    city_student,
    family_quiz,
    finish_module,
    make_question,
    read_lessons,
    take_check,
)

pytestmark = pytest.mark.django_db

PARENT = "203.0.113.7"


@pytest.fixture
def city():
    city = build_city()
    city["family_quiz"] = family_quiz(city)
    return city


def invite_page(city) -> str:
    return reverse("family-invite", args=[city["check"].get_parent().translation_key])


def signed_in(client, user):
    client.force_login(user)
    return client


def sent_invite(client, city, pupil=None) -> FamilyInvite:
    """A pupil (a new one by default) finishes the module and opens the family page."""
    pupil = pupil or city_student(city, 0)
    finish_module(pupil, city)
    assert signed_in(client, pupil).get(invite_page(city)).status_code == 200
    client.logout()
    return FamilyInvite.objects.get(pupil=pupil)


def answers(city, *, right=True) -> dict[str, str]:
    """The form's answers to the family quiz: every question right, or every one wrong."""
    quiz = city["family_quiz"]
    posted = {}
    for slot, row in enumerate(quiz.fixed_questions.order_by("sort_order"), start=1):
        choice = QuestionChoice.objects.filter(question=row.question_id, is_correct=right).first()
        posted[f"slot-{slot}"] = str(choice.pk)
    return posted


def about_me(city, *, ward=1, sex=Sex.FEMALE, consent=True) -> dict[str, str]:
    data = {"ward": str(city["wards"][ward].pk), "age_band": AgeBand.ADULTS, "sex": sex}
    return data | ({"consent": "on"} if consent else {})


def send(client, invite, data, address=PARENT):
    return client.post(reverse("family-quiz", args=[invite.token]), data, REMOTE_ADDR=address)


def family_reached_in(ward) -> int:
    """The officer's ward figure for the family channel: Reached rows of families in the ward."""
    return Reached.objects.filter(channel=Channel.FAMILY, area=ward).count()


# Which quiz is the family's ------------------------------------------------------------------


def test_a_family_quiz_is_never_one_of_the_modules_knowledge_checks(city, client):
    module = city["check"].get_parent()
    keys = services.module_keys([(module.path, module.depth)])[module.path]
    assert keys.check_keys == {city["check"].translation_key}
    assert city["family_quiz"].pk not in standalone_quizzes().values_list("pk", flat=True)
    assert not city["family_quiz"].gives_certificate
    with pytest.raises(NotInAudience):  # answered through a pupil's invitation, not as an attempt
        quiz_services.start_attempt(
            quiz=city["family_quiz"], user=city_student(city, 1), now=timezone.now()
        )
    pupil = city_student(city, 0)
    finish_module(pupil, city)  # the family quiz is not taken: the pupil is reached all the same
    assert Reached.objects.get(user=pupil).channel == Channel.PUPIL
    page = signed_in(client, pupil).get(module.url)
    assert [quiz.pk for quiz in page.context["quizzes"]] == [city["check"].pk]
    assert page.context["has_family_quiz"]
    assert invite_page(city) in page.content.decode()


# The pupil's side ----------------------------------------------------------------------------


def test_the_link_and_qr_code_come_only_once_the_module_is_finished(city, client):
    pupil = city_student(city, 0)
    signed_in(client, pupil)
    read_lessons(pupil, city)
    waiting = client.get(invite_page(city))
    assert waiting.status_code == 200 and not waiting.context["finished"]
    assert not FamilyInvite.objects.exists()  # lessons read, check not passed yet
    take_check(pupil, city["check"], right=True)
    page = client.get(invite_page(city))
    invite = FamilyInvite.objects.get(pupil=pupil)
    assert len(invite.token) == 43
    html = page.content.decode()
    assert reverse("family-quiz", args=[invite.token]) in html and "<svg" in html
    client.get(invite_page(city))
    assert FamilyInvite.objects.get() == invite  # the same invitation every time
    home = client.get(reverse("family-home"))
    assert home.context["items"][0].finished and not home.context["items"][0].answered


def test_only_the_pupil_sees_their_invitation(city, client):
    invite = sent_invite(client, city)
    assert client.get(invite_page(city)).status_code == 302  # to the sign-in page
    teacher = UserFactory(role=Role.TEACHER)
    assert signed_in(client, teacher).get(invite_page(city)).status_code == 403
    assert client.get(reverse("family-home")).status_code == 403
    other = city_student(city, 1)
    finish_module(other, city)
    page = signed_in(client, other).get(invite_page(city))
    assert invite.token not in page.content.decode()
    assert FamilyInvite.objects.get(pupil=other).token != invite.token
    no_school = StudentFactory(school=None)
    assert signed_in(client, no_school).get(invite_page(city)).status_code == 404


# The family's side ---------------------------------------------------------------------------


def test_the_family_page_shows_the_questions_without_their_key(city, client):
    invite = sent_invite(client, city)
    row = city["family_quiz"].fixed_questions.order_by("sort_order").first()
    question = row.question
    question.explanation = "<p>GIẢI THÍCH BÍ MẬT</p>"
    question.save()
    QuestionChoice.objects.filter(question=question).update(feedback="PHẢN HỒI BÍ MẬT")
    page = client.get(reverse("family-quiz", args=[invite.token]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Việc nhà là việc của ai?" in html and "Của cả nhà" in html
    for secret in ("GIẢI THÍCH BÍ MẬT", "PHẢN HỒI BÍ MẬT", "correct_choice_ids", "is_correct"):
        assert secret not in html
    assert '<meta name="robots" content="noindex">' in html


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("family-quiz", args=["x" * 43])).status_code == 404
    assert client.get("/gia-dinh/ngan-qua/").status_code == 404


def test_a_parent_who_passes_counts_in_their_ward_and_the_pupil_sees_it(city, client):
    invite = sent_invite(client, city)
    ward = city["wards"][1]
    assert family_reached_in(ward) == 0
    response = send(client, invite, answers(city) | about_me(city))
    assert response.status_code == 302
    entry = FamilyEntry.objects.get(invite=invite)
    assert (entry.passed, entry.percent, entry.ward, entry.sex) == (True, 100, ward, Sex.FEMALE)
    assert entry.address_hash == family.address_hash(PARENT) != PARENT
    assert family_reached_in(ward) == 1
    thanks = client.get(response["Location"])
    assert "1800 8065" in thanks.content.decode()
    pupil_page = signed_in(client, invite.pupil).get(invite_page(city))
    assert "Gia đình em đã tham gia" in pupil_page.content.decode()
    assert client.get(reverse("family-home")).context["items"][0].answered


def test_consent_is_required_and_the_answers_stay_on_the_page(city, client):
    invite = sent_invite(client, city)
    posted = answers(city)
    response = send(client, invite, posted | about_me(city, consent=False))
    assert response.status_code == 400
    assert not FamilyEntry.objects.exists()
    html = response.content.decode()
    assert f'value="{posted["slot-1"]}" checked' in html
    assert 'aria-describedby="id_consent-error"' in html and 'id="id_consent-error"' in html


def test_missing_ward_age_and_sex_are_errors_linked_to_their_fields(city, client):
    invite = sent_invite(client, city)
    response = send(client, invite, answers(city) | {"consent": "on"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_age_band"' in html and 'id="id_age_band-error"' in html
    assert 'aria-invalid="true"' in html  # the ward's select


def test_below_the_pass_mark_is_kept_but_not_counted(city, client):
    invite = sent_invite(client, city)
    send(client, invite, answers(city, right=False) | about_me(city))
    entry = FamilyEntry.objects.get()
    assert (entry.passed, entry.percent) == (False, 0)
    assert family_reached_in(city["wards"][1]) == 0


def test_one_entry_per_invitation_a_second_send_is_refused_and_the_first_kept(city, client):
    invite = sent_invite(client, city)
    send(client, invite, answers(city) | about_me(city))
    again = send(client, invite, answers(city, right=False) | about_me(city, sex=Sex.MALE))
    assert again.status_code == 409
    assert "đã được trả lời" in again.content.decode()
    entry = FamilyEntry.objects.get()
    assert (entry.passed, entry.sex) == (True, Sex.FEMALE)
    with pytest.raises(family.AlreadyAnswered):  # a double tap racing past the page's check
        family.submit_family_answers(
            invite=invite,
            quiz=city["family_quiz"],
            paper=family.paper_of(city["family_quiz"]),
            answers={},
            ward=city["wards"][0],
            age_band=AgeBand.YOUTH,
            sex=Sex.MALE,
            address=PARENT,
            now=timezone.now(),
        )
    assert FamilyEntry.objects.count() == 1 and family_reached_in(city["wards"][1]) == 1


def test_the_same_person_answering_another_pupils_link_is_flagged_and_counted_once(city, client):
    first = sent_invite(client, city)
    second = sent_invite(client, city)
    third = sent_invite(client, city)
    send(client, first, answers(city) | about_me(city))
    send(client, second, answers(city) | about_me(city))
    send(client, third, answers(city) | about_me(city, sex=Sex.MALE))  # another family member
    entries = {entry.invite_id: entry for entry in FamilyEntry.objects.all()}
    assert entries[second.pk].duplicate_of == entries[first.pk]
    assert entries[third.pk].duplicate_of is None
    assert family_reached_in(city["wards"][1]) == 2
    services.recompute()
    assert family_reached_in(city["wards"][1]) == 2


def test_a_day_later_the_same_address_is_another_person(city, client):
    first, second = sent_invite(client, city), sent_invite(client, city)
    send(client, first, answers(city) | about_me(city))
    FamilyEntry.objects.update(submitted_at=timezone.now() - timedelta(hours=25))
    send(client, second, answers(city) | about_me(city))
    assert not FamilyEntry.objects.filter(duplicate_of__isnull=False).exists()


def test_too_many_answers_from_one_address_are_paused_and_nothing_is_lost(city, client, settings):
    settings.FAMILY_ANSWERS_PER_ADDRESS = (2, 600)
    invites = [sent_invite(client, city) for _n in range(3)]
    for invite, sex in zip(invites[:2], (Sex.FEMALE, Sex.MALE), strict=True):
        assert send(client, invite, answers(city) | about_me(city, sex=sex)).status_code == 302
    paused = send(client, invites[2], answers(city) | about_me(city, sex=Sex.OTHER))
    assert paused.status_code == 429 and int(paused["Retry-After"]) > 0
    assert not FamilyEntry.objects.filter(invite=invites[2]).exists()
    assert re.search(r'value="\d+" checked', paused.content.decode())
    elsewhere = send(client, invites[2], answers(city) | about_me(city), address="198.51.100.9")
    assert elsewhere.status_code == 302


def test_the_address_is_kept_only_as_a_keyed_hash():
    hashed = family.address_hash(PARENT)
    assert len(hashed) == 64 and PARENT not in hashed
    assert hashed == family.address_hash(PARENT) != family.address_hash("203.0.113.8")
    assert family.address_hash("") == ""


def test_hostile_input_is_a_4xx_and_keeps_nothing(city, client):
    invite = sent_invite(client, city)
    root = city["wards"][0].get_parent()
    for bad in (
        {"ward": "abc"},
        {"ward": str(root.pk)},  # the city is not a ward
        {"age_band": AgeBand.CHILDREN},  # the family's grown-ups answer
        {"sex": "x" * 500},
        {"consent": ""},
    ):
        data = answers(city) | about_me(city) | bad | {"slot-1": "999999999999", "slot-2": "x"}
        assert send(client, invite, data).status_code == 400, bad
    assert not FamilyEntry.objects.exists()


def test_the_family_page_in_english_falls_back_to_the_vietnamese_quiz(city, client):
    invite = sent_invite(client, city)
    page = client.get("/en" + reverse("family-quiz", args=[invite.token]))
    assert page.status_code == 200
    assert "Việc nhà là việc của ai?" in page.content.decode()
    assert "Send my answers" in page.content.decode()


def test_the_pupils_family_page_reads_a_few_queries_whatever_the_modules(
    city, client, django_assert_max_num_queries
):
    def another_module():
        module = pages.module(title="Chủ đề thêm", is_core=True)
        pages.make_quiz(make_question(), parent=module, for_families=True)

    pupil = city_student(city, 0)
    finish_module(pupil, city)
    another_module()  # not finished: a link to the module
    signed_in(client, pupil)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("family-home"))
    for _n in range(3):
        another_module()
    with django_assert_max_num_queries(len(few.captured_queries)):
        items = client.get(reverse("family-home")).context["items"]
    assert [item.finished for item in items] == [True, False, False, False, False]
