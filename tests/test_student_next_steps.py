"""Issue 16 for students: the module page says where to go next (start, continue) and ticks what
is finished, the lesson counter agrees with the module's count, an empty student home links to
the modules, the signed-in header stays short and the home page leads with the lessons."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.pages import LessonPage
from courses.selectors import lesson_states, next_step
from courses.services import record_lesson_progress
from quizzes.models import Attempt
from quizzes.pages import QuizPage
from tests import pages
from tests.factories import StudentFactory, make_question

pytestmark = pytest.mark.django_db


def _finish(student, lesson) -> None:
    record_lesson_progress(user=student, lesson=lesson, now=timezone.now(), completed=True)


def _button(html: str) -> tuple[str, str] | None:
    """(label, href) of the module page's next-step button, without its hidden lesson title."""
    found = re.search(r'<p class="next-step"><a class="button" href="([^"]+)">([^<]+)<', html)
    return (found[2], found[1]) if found else None


@pytest.fixture
def module_of_three():
    """Three live lessons with the knowledge check between them, and a draft lesson."""
    module = pages.module(title="Giới và giới tính")
    first = pages.lesson(module, title="Bài một")
    pages.make_quiz(make_question(), parent=module)
    second = pages.lesson(module, title="Bài hai")
    pages.lesson(module, title="Bài nháp", live=False)
    third = pages.lesson(module, title="Bài ba")
    return module, [first, second, third]


def test_next_step_is_the_first_lesson_then_the_first_unfinished_one():
    one, two, three = lessons = [SimpleNamespace(pk=n) for n in (1, 2, 3)]
    started = SimpleNamespace(completed_at=None)
    done = SimpleNamespace(completed_at=timezone.now())

    def step(states):
        found = next_step(lessons=lessons, states=states)
        return found and (found.lesson, found.started)

    assert step({}) == (one, False)
    assert step({2: started}) == (one, True)
    assert step({1: done, 3: done}) == (two, True)
    assert step({1: done, 2: done, 3: started}) == (three, True)
    assert step({n: done for n in (1, 2, 3)}) is None
    assert next_step(lessons=[], states={}) is None


def test_lesson_counter_agrees_with_the_modules_count_of_lessons(client, module_of_three):
    module, (first, second, third) = module_of_three
    student = StudentFactory()
    client.force_login(student)
    opening = client.get(first.url).content.decode()
    assert "Bài 1/3" in opening
    assert f'<a href="{second.url}" rel="next">' in opening  # over the quiz, to the next lesson
    assert "Bài 2/3" in client.get(second.url).content.decode()
    last = client.get(third.url).content.decode()
    assert "Bài 3/3" in last
    quiz = module.get_children().not_type(LessonPage).get()
    assert f'<a href="{quiz.url}" rel="next">Kiểm tra kiến thức: Kiểm tra nhanh →</a>' in last
    html = client.get(module.url).content.decode()
    assert 'max="3"' in html  # "0 of 3 lessons done"


def test_module_page_offers_start_then_continue_and_ticks_finished_lessons(client, module_of_three):
    module, (first, second, third) = module_of_three
    assert _button(client.get(module.url).content.decode()) == ("Bắt đầu", first.url)
    student = StudentFactory()
    client.force_login(student)
    assert _button(client.get(module.url).content.decode()) == ("Bắt đầu", first.url)
    assert "đã xong" not in client.get(module.url).content.decode()

    client.get(first.url)  # opened, not finished: continue with it
    assert _button(client.get(module.url).content.decode()) == ("Tiếp tục", first.url)

    _finish(student, first)
    html = client.get(module.url).content.decode()
    assert _button(html) == ("Tiếp tục", second.url)
    assert html.count('class="tick"') == 1
    assert html.count("(đã xong)") == 1

    for lesson in (second, third):
        _finish(student, lesson)
    html = client.get(module.url).content.decode()
    assert _button(html) == ("Kiểm tra kiến thức: Kiểm tra nhanh", QuizPage.objects.get().url)
    assert html.count('class="tick"') == 3


def test_module_page_queries_do_not_grow_with_its_lessons(client):
    student = StudentFactory()
    client.force_login(student)

    def queries_for(count: int) -> int:
        module = pages.module()
        lessons = [pages.lesson(module) for _ in range(count)]
        for lesson in lessons[:-1]:
            _finish(student, lesson)
        client.get(module.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(module.url).status_code == 200
        return len(queries)

    queries_for(1)  # the first page of the process fills the per-worker caches
    assert queries_for(8) == queries_for(2)


def test_lesson_states_reads_every_lesson_in_one_query(django_assert_num_queries):
    student, module = StudentFactory(), pages.module()
    lessons = [pages.lesson(module) for _ in range(4)]
    _finish(student, lessons[0])
    with django_assert_num_queries(1):
        states = lesson_states(user=student, lessons=lessons)
    assert set(states) == {lessons[0].pk}


def test_empty_student_home_links_to_the_modules(client):
    curriculum = pages.curriculum()
    client.force_login(StudentFactory())
    html = client.get(reverse("quizzes:student-home")).content.decode()
    assert f'<a class="button" href="{curriculum.url}">Xem các chủ đề</a>' in html


def test_signed_in_header_folds_the_account_links_into_a_menu(client):
    client.force_login(StudentFactory())
    html = client.get(reverse("quizzes:student-home")).content.decode()
    menu = html[html.index('<details class="account-menu">') : html.index("</details>")]
    assert "Đăng xuất" in menu and "Mật khẩu" in menu
    nav = html[html.index('<nav class="wrap site-nav"') : html.index('<details class="account')]
    assert "Góc học tập" in nav  # the student's own space stays one tap away


def test_player_keeps_the_quick_exit_in_its_bar(client):
    quiz = pages.make_quiz(make_question())
    client.force_login(StudentFactory())
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    html = client.get(reverse("quizzes:player", args=[Attempt.objects.get().pk])).content.decode()
    assert '<body class="has-player">' in html
    bar = html[html.index('<div class="player-bar">') :]
    assert "data-quick-exit" in bar[: bar.index("</div>")]


def test_lesson_keeps_the_quick_exit_in_its_reading_bar(client):
    lesson = pages.lesson()
    html = client.get(lesson.url).content.decode()
    assert '<body class="has-reading-bar">' in html
    bar = html[html.index('<div class="reading-bar">') :]
    assert "data-quick-exit" in bar[: bar.index("</div>")]


def test_home_page_leads_with_the_lessons_and_the_statistic_comes_later(client):
    lesson = pages.lesson(title="Bài đang đọc dở")
    summary = {"percent": 50, "reached": 40, "target": 80, "target_year": 2030}
    cache.set("reach:public", summary, 60)
    try:
        student = StudentFactory()
        client.force_login(student)
        client.get(lesson.url)
        html = client.get("/").content.decode()
    finally:
        cache.delete("reach:public")
    resume, modules = html.index('class="resume"'), html.index('id="modules-title"')
    assert resume < modules < html.index('id="reach-title"')
    assert "Tiếp tục" in html[resume:modules]


def test_home_page_offers_the_contests_with_a_round_still_to_take(client):
    now = timezone.now()
    pages.module()
    running = pages.contest(title="Hội thi đang mở")
    pages.contest_round(running, make_question(), closes_at=now + timedelta(days=3))
    finished = pages.contest(title="Hội thi đã xong")
    pages.contest_round(finished, make_question(), closes_at=now - timedelta(days=1))
    pages.contest(title="Hội thi chưa có vòng")
    html = client.get("/").content.decode()
    assert "Tham gia: Hội thi đang mở" in html
    assert "Hội thi đã xong" not in html and "Hội thi chưa có vòng" not in html
    assert html.index('id="modules-title"') < html.index('id="contests-title"')
