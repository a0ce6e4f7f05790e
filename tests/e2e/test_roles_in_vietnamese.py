"""Each role signs in and walks its main pages on the Vietnamese side, on a 360 px phone: no English
message id of our catalogue in the visible text, nothing serious for axe-core, no sideways scroll.
No control lies under the fixed quick exit once scrolled to. A screenshot of each role's main page
is kept in tests/e2e/screenshots/ (ignored by git). Teacher pages are reached by URL name."""

import re
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from lms.accounts.models import Role
from lms.reach.snapshots import take_snapshot
from tests import pages
from tests.factories import (
    PASSWORD,
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    build_city,
    enrol,
    enter,
    make_question,
    reach_some,
    scored_attempt,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sd]|\{\{|\{%|<")


CATALOGUES = (
    "locale/vi/LC_MESSAGES/django.po",
    "locale_wagtail/vi/LC_MESSAGES/django.po",  # the Wagtail admin strings we translate
    "locale_wagtail/vi/LC_MESSAGES/djangojs.po",
)


def english_message_ids() -> list[str]:
    """Our msgids that read as English sentences on a page: translated to something else,
    longer than 12 characters, with a space, and with no placeholder or markup inside."""
    return sorted(
        {
            entry.msgid
            for name in CATALOGUES
            for entry in polib.pofile(str(ROOT / name)).translated_entries()
            if entry.msgstr
            and entry.msgstr != entry.msgid
            and len(entry.msgid) > 12
            and " " in entry.msgid
            and not PLACEHOLDER.search(entry.msgid)
        }
    )


# Wagtail's admin in English where our override catalogue has Vietnamese ("7 Pages", "1-1 of 1
# page", "Type", "Just now"): each form of each of its msgids as a whole-word pattern, in any
# case (Wagtail capitalises some), a placeholder standing for one word and markup for a space.
WAGTAIL_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
MARKUP = re.compile(r"<[^>]+>")


def wagtail_english() -> list[re.Pattern]:
    patterns = set()
    for name in CATALOGUES[1:]:
        for entry in polib.pofile(str(ROOT / name)).translated_entries():
            vietnamese = entry.msgstr or entry.msgstr_plural.get(0, "")
            if vietnamese == entry.msgid:
                continue
            for form in filter(None, (entry.msgid, entry.msgid_plural)):
                text = " ".join(MARKUP.sub(" ", form).split())
                words = r"\S+".join(re.escape(part) for part in WAGTAIL_PLACEHOLDER.split(text))
                patterns.add(r"(?<!\w)" + words.replace(r"\ ", r"\s+") + r"(?!\w)")
    return [re.compile(pattern, re.IGNORECASE) for pattern in sorted(patterns)]


# Every control brought to the middle of the screen, as a reader scrolls to it: none may lie under
# a fixed element (the quick exit). Returns what is covered, by its text.
COVERED_CONTROLS = """() => {
  const fixed = [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    return getComputedStyle(e).position === "fixed" && r.width > 0 && r.height > 0;
  });
  const controls = [...document.querySelectorAll(
    "main :is(a[href], button, input:not([type=hidden]), select, textarea, summary)"
  )].filter(e => e.getClientRects().length && !fixed.some(f => f.contains(e)));
  const covered = [];
  for (const control of controls) {
    control.scrollIntoView({block: "center", inline: "nearest"});
    const c = control.getBoundingClientRect();
    for (const f of fixed) {
      const r = f.getBoundingClientRect();
      if (c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom) {
        covered.push((control.innerText || control.name || control.tagName).trim().slice(0, 40));
      }
    }
  }
  window.scrollTo(0, 0);
  return covered;
}"""

# A reader scrolling through the page a line (20 px) at a time, to the end: no text shown may lie
# under a fixed element at any of these positions (a sticky bar, as the player's and the
# lesson's, is no cover: it holds its own place). Returns what is covered, by its text.
COVERED_WHILE_READING = """selector => {
  const fixed = [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    return getComputedStyle(e).position === "fixed" && r.width > 0 && r.height > 0;
  });
  const texts = [...document.querySelectorAll(selector)].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && !fixed.some(f => f.contains(e));
  });
  const covered = new Set();
  const last = document.documentElement.scrollHeight - window.innerHeight;
  for (let y = 0; ; y = Math.min(last, y + 20)) {
    window.scrollTo(0, y);
    for (const text of texts) {
      const c = text.getBoundingClientRect();
      for (const f of fixed) {
        const r = f.getBoundingClientRect();
        if (c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom) {
          covered.add((text.innerText || text.textContent).trim().slice(0, 40));
        }
      }
    }
    if (y >= last) break;
  }
  window.scrollTo(0, 0);
  return [...covered];
}"""
LESSON_TEXT = "main .lesson :is(p, li, h2, h3, h4, blockquote, figcaption, dt, dd)"

# What must read on a phone without a sideways scroll of its own (the page's is checked apart):
# tables laid out as cards on a small screen. Returns those wider than their box.
FLAT = "#participants"
WIDER_THAN_THEIR_BOX = """selector => [...document.querySelectorAll(selector)]
  .filter(e => e.scrollWidth > (e.closest(".table-wrap") || e.parentElement).clientWidth)
  .map(e => e.id || e.className)"""


def _walk(page: Page, urls: list[str], axe) -> None:
    english, wagtail = english_message_ids(), wagtail_english()
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, url
        text = page.inner_text("body")
        found = [msgid for msgid in english if msgid in text]
        assert found == [], (url, found)
        if "/admin/" in url:
            found = [p.pattern for p in wagtail if p.search(text)]
            assert found == [], (url, found)
        axe(page)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (url, width)
        assert page.evaluate(WIDER_THAN_THEIR_BOX, FLAT) == [], url
        if "/admin/" not in url:  # Wagtail's admin has no quick exit of ours
            assert page.evaluate(COVERED_CONTROLS) == [], url
            assert page.evaluate(COVERED_WHILE_READING, LESSON_TEXT) == [], url


def _student(base: str) -> tuple[str, list[str]]:
    module = pages.module(title="Việc nhà là việc chung")
    lesson = pages.lesson(module, title="Ai rửa bát?")
    pages.make_quiz(make_question(), parent=module, pass_mark_percent=50)
    student = StudentFactory(display_name="Ngọc Lan")
    return student.username, [
        base + reverse("quizzes:student-home"),
        base + "/",
        base + module.url,
        base + lesson.url,
    ]


def _teacher(base: str) -> tuple[str, list[str]]:
    teacher = TeacherFactory(display_name="Cô Hạnh")
    classroom = ClassroomFactory(school__name="THCS An Hòa", teachers=[teacher])
    enrol(StudentFactory(display_name="Thu Hà"), classroom)
    pages.make_quiz(make_question(), parent=pages.module(title="Giới và giới tính"))
    return teacher.username, [
        base + reverse("teacher-home"),
        base + reverse("teacher-class", args=[classroom.pk]),
        base + reverse("teacher-progress", args=[classroom.pk]),
    ]


def _editor(base: str) -> tuple[str, list[str]]:
    lesson = pages.lesson(title="Con trai cũng biết nấu ăn")
    editor = UserFactory(role=Role.EDITOR, is_staff=True, display_name="Biên tập Mai")
    return editor.username, [
        base + "/admin/",
        base + f"/admin/pages/{lesson.pk}/edit/",
        base + f"/admin/pages/{lesson.get_parent().pk}/",
    ]


def _judge(base: str) -> tuple[str, list[str]]:
    judge = UserFactory(role=Role.JUDGE, display_name="Phạm Thu Hà")
    contest = pages.contest(judges=[judge])
    now = timezone.now()
    round_ = pages.contest_round(
        contest,
        make_question(),
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )
    for n, name in enumerate(["Nguyễn Thị Phương Thảo", "Trần Hoàng Bảo Ngọc", "Lê Minh Khôi"]):
        school = SchoolFactory(name=f"Trường Trung học cơ sở Nguyễn Văn Cừ, phường An Hòa {n}")
        entry = enter(contest, name, school=school)
        scored_attempt(round_, entry, score=4 - n, prediction=2, submitted="10:00", seconds=95)
    return judge.username, [
        base + reverse("judge:home"),
        base + reverse("judge:contest", args=[contest.pk]),
        base + reverse("judge:round", args=[round_.pk]),
    ]


def _officer(base: str) -> tuple[str, list[str]]:
    city = build_city()
    reach_some(city, per_ward=(6, 5))
    take_snapshot(day=timezone.localdate() - timedelta(days=7))
    take_snapshot()  # two weeks: the trend chart is drawn
    officer = UserFactory(role=Role.OFFICER, area=city["root"], display_name="Cán bộ Tâm")
    dashboard = base + reverse("reach-dashboard")
    return officer.username, [
        dashboard,
        f"{dashboard}?area={city['wards'][0].pk}",
        f"{dashboard}?school={city['schools'][0].pk}",
    ]


ROLES = {
    "student": _student,
    "teacher": _teacher,
    "editor": _editor,
    "judge": _judge,
    "officer": _officer,
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_walks_its_pages_in_vietnamese_on_a_phone(role, live_server, phone, sign_in, axe):
    username, urls = ROLES[role](live_server.url)
    if role == "editor":
        phone.goto(live_server.url + "/admin/login/")
        phone.locator("input[name=username]").fill(username)
        phone.locator("input[name=password]").fill(PASSWORD)
        phone.locator("form.login-form button[type=submit]").click()
    else:
        sign_in(phone, live_server.url, username)
    _walk(phone, urls, axe)
    phone.goto(urls[0])
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{role}.png"
    phone.screenshot(path=str(shot), full_page=True)
    print(f"screenshot of the {role}'s main page: {shot}")


def test_an_officer_sorts_a_table_by_a_column(live_server, phone, sign_in):
    username, urls = _officer(live_server.url)
    sign_in(phone, live_server.url, username)
    phone.goto(urls[0])
    table = phone.locator("table[data-sortable]").first
    names = table.locator("tbody th[scope=row]")
    expect(names).to_have_text(["Phường Cái Răng", "Phường Ninh Kiều"])  # by name, as sent
    header = table.locator("thead th", has_text="Đã tiếp cận")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(names).to_have_text(["Phường Cái Răng", "Phường Ninh Kiều"])  # 5, then 6
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(names).to_have_text(["Phường Ninh Kiều", "Phường Cái Răng"])
    group = table.locator("thead th", has_text="Nhóm")
    group.get_by_role("button").click()
    expect(group).to_have_attribute("aria-sort", "ascending")
    expect(header).not_to_have_attribute("aria-sort", re.compile("."))
