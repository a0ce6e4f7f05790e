"""A pupil on a patchy mobile link, in a real browser with the service worker: help and the
hotline after one visit, a saved module read and completed offline and sent once back online,
nothing left behind at sign-out, and the back office never served or kept by the worker."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error, Page, expect
from wagtail.models import Locale

from cms.offline import SAVED_CACHE
from cms.snippets import Hotline
from courses.models import LessonProgress
from lms.accounts.models import Role
from lms.teaching import assignments
from tests import pages
from tests.factories import (
    ClassroomFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
    enrol,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _controlled(page: Page) -> None:
    """The worker is installed (its shell kept) and answers for this page."""
    page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            while (!navigator.serviceWorker.controller) await new Promise(r => setTimeout(r, 50));
        }"""
    )


def _kept_urls(page: Page) -> list[str]:
    return page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )


def _saved_copy_has(page: Page, url: str, text: str, timeout_ms: int = 10_000) -> bool:
    """Waits until the copy the worker answers `url` from (the saved cache, any Vary) holds
    `text`: False if it does not within the time. (Not `wait_for_function`: it takes a promise
    for a truthy answer and returns at once.)"""
    return page.evaluate(
        """async ([url, cacheName, text, timeout]) => {
            const until = Date.now() + timeout;
            for (;;) {
                const hit = await caches.match(url, {cacheName, ignoreVary: true});
                if (hit && (await hit.text()).includes(text)) return true;
                if (Date.now() > until) return false;
                await new Promise(resolve => setTimeout(resolve, 50));
            }
        }""",
        [url, SAVED_CACHE, text, timeout_ms],
    )


def _save(page: Page, module_url: str) -> None:
    """On the module page, the pupil saves the module for reading without a connection."""
    page.goto(module_url)
    _controlled(page)
    page.get_by_role("button", name="Lưu để học khi không có mạng").click()
    saved = page.locator("[data-save-status]")
    expect(saved).to_contain_text("Đã lưu trên điện thoại", timeout=20_000)


@pytest.fixture
def help_page():
    Hotline.objects.create(
        name="Trung tâm Công tác xã hội",
        number="1800 8065",
        locale=Locale.objects.get(language_code="vi"),
    )
    return pages.help_page()


@pytest.fixture
def module_of_three():
    module = pages.module(title="Việc nhà là việc chung")
    image = pages.make_image()
    lessons = []
    for n, title in enumerate(["Ai nấu cơm?", "Ai rửa bát?", "Ai giặt đồ?"], start=1):
        body = [
            {"type": "paragraph", "value": f"<p>Bài {n}: cả nhà cùng làm.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Cả nhà nấu cơm"}},
        ]
        lessons.append(pages.lesson(module, title=title, body=body))
    return module, lessons


@pytest.fixture
def saved_by_a_pupil(live_server, phone, sign_in, module_of_three):
    """A pupil signed in on the phone and saved the module: (pupil, module, lessons)."""
    module, lessons = module_of_three
    student = StudentFactory(username="lan")
    sign_in(phone, live_server.url, student.username)
    _save(phone, live_server.url + module.url)
    return student, module, lessons


def test_help_page_and_hotline_work_offline_after_one_visit(live_server, phone, help_page, axe):
    base = live_server.url
    phone.goto(base + "/")
    _controlled(phone)
    phone.context.set_offline(True)

    phone.goto(base + help_page.url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tìm trợ giúp")
    expect(phone.locator("main a[href='tel:18008065']")).to_be_visible()

    # A page never visited: the offline page, with the hotline to tap and the quick exit.
    phone.goto(base + "/tin-tuc-chua-xem/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")
    expect(phone.locator("main a.hotline-number[href='tel:18008065']")).to_be_visible()
    expect(phone.locator("main").get_by_role("link", name="Thoát nhanh")).to_be_visible()
    axe(phone)

    phone.goto(base + "/en/some-page/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("No connection")
    expect(phone.locator("main").get_by_role("link", name="Quick exit")).to_be_visible()


def test_a_saved_module_is_read_offline_and_its_completion_counts_once(
    live_server, phone, saved_by_a_pupil
):
    student, module, lessons = saved_by_a_pupil
    base = live_server.url
    assert not LessonProgress.objects.filter(user=student).exists()  # saved, not read

    phone.context.set_offline(True)
    phone.goto(base + module.url)
    for lesson in lessons:
        phone.get_by_role("link", name=lesson.title).first.click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(lesson.title)
        image = phone.locator("figure.lesson-image img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        if lesson is lessons[1]:
            phone.get_by_role("button", name="Đánh dấu đã hoàn thành bài học").click()
            expect(phone.locator("[data-lesson-status]")).to_contain_text("sẽ gửi đi khi có mạng")
        phone.goto(base + module.url)
    expect(phone.locator("#offline-status")).to_contain_text("chờ gửi khi có mạng trở lại: 3")

    phone.context.set_offline(False)
    expect(phone.locator("#offline-status")).to_have_text(
        "Tiến độ lưu trên điện thoại đã được gửi đi.", timeout=15_000
    )
    rows = LessonProgress.objects.filter(user=student)
    assert sorted(rows.values_list("lesson_id", flat=True)) == sorted(p.pk for p in lessons)
    assert [row.lesson_id for row in rows if row.completed_at] == [lessons[1].pk]


def test_signing_out_clears_saved_modules_and_what_the_phone_kept_for_the_pupil(
    live_server, phone, saved_by_a_pupil
):
    _student, module, lessons = saved_by_a_pupil
    base = live_server.url
    phone.goto(base + "/student/")
    expect(phone.locator("[data-saved-list] li")).to_contain_text(module.title)
    assert any(lessons[0].url in url for url in _kept_urls(phone))

    phone.locator(".account-menu summary").click()  # sign-out waits in the account menu
    phone.get_by_role("button", name=re.compile("Đăng xuất")).click()
    expect(phone).to_have_url(base + "/")
    assert not phone.evaluate(f"caches.has('{SAVED_CACHE}')")
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hbd-'))") == []
    assert not any(lessons[0].url in url for url in _kept_urls(phone))


def test_another_pupil_signing_in_on_the_phone_finds_nothing_the_first_one_kept(
    live_server, phone, sign_in, saved_by_a_pupil
):
    _student, _module, lessons = saved_by_a_pupil
    phone.context.clear_cookies()  # the first pupil's session ended without signing out
    sign_in(phone, live_server.url, StudentFactory(username="minh").username)
    phone.goto(live_server.url + "/student/")
    expect(phone.locator("[data-saved-empty]")).to_be_visible()
    assert not phone.evaluate(f"caches.has('{SAVED_CACHE}')")
    assert not any(lessons[0].url in url for url in _kept_urls(phone))


def test_a_saved_lesson_is_refreshed_on_the_next_visit_after_an_editor_publishes(
    live_server, phone, saved_by_a_pupil
):
    _student, _module, lessons = saved_by_a_pupil
    url = live_server.url + lessons[0].url
    lessons[0].title = "Ai nấu cơm tối nay?"
    pages.publish(lessons[0])

    phone.goto(url)  # the saved copy at once, the new revision fetched behind it
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ai nấu cơm?")
    assert _saved_copy_has(phone, url, "Ai nấu cơm tối nay?")
    phone.context.set_offline(True)
    phone.goto(url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ai nấu cơm tối nay?")


@pytest.mark.parametrize("agreed", [False, True])
def test_saving_past_the_budget_asks_first(
    live_server, phone, sign_in, module_of_three, monkeypatch, agreed
):
    monkeypatch.setattr("cms.context_processors.SAVED_BUDGET_BYTES", 1_000)
    module, lessons = module_of_three
    sign_in(phone, live_server.url, StudentFactory().username)
    asked = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if agreed else dialog.dismiss()

    phone.on("dialog", answer)
    phone.goto(live_server.url + module.url)
    phone.get_by_role("button", name="Lưu để học khi không có mạng").click()
    for _ in range(200):  # the question comes once the file list is in
        if asked:
            break
        phone.wait_for_timeout(50)
    if agreed:
        expect(phone.locator("[data-save-status]")).to_contain_text("Đã lưu trên điện thoại")
    else:
        expect(phone.get_by_role("button", name="Lưu để học khi không có mạng")).to_be_enabled()
    assert len(asked) == 1 and "Vẫn lưu chủ đề này?" in asked[0]
    assert any(lessons[0].url in url for url in _kept_urls(phone)) is agreed


@pytest.mark.parametrize(("link", "by_itself"), [("wifi", True), ("cellular", False)])
def test_a_module_given_to_the_class_is_saved_on_wifi_and_only_offered_on_a_mobile_link(
    live_server, phone, sign_in, module_of_three, link, by_itself
):
    module, _lessons = module_of_three
    teacher, student = TeacherFactory(), StudentFactory(username="lan")
    classroom = ClassroomFactory(teachers=[teacher])
    enrol(student, classroom)
    now = timezone.now()
    assignments.assign(
        classroom=classroom,
        by=teacher,
        opens_at=now - timedelta(hours=1),
        due_at=now + timedelta(days=7),
        module=module,
    )
    phone.context.add_init_script(
        "Object.defineProperty(navigator, 'connection', "
        f"{{value: {{type: '{link}', saveData: false}}}})"
    )
    sign_in(phone, live_server.url, student.username)
    phone.goto(live_server.url + "/student/")
    saved = phone.locator("[data-saved-list] li")
    offer = phone.locator("li[data-assigned-module]").get_by_role(
        "button", name="Lưu để học khi không có mạng"
    )
    if by_itself:
        expect(saved).to_contain_text(module.title, timeout=20_000)
        expect(offer).to_have_count(0)
    else:
        expect(offer).to_be_visible()
        expect(saved).to_have_count(0)
        offer.click()
        expect(saved).to_contain_text(module.title, timeout=20_000)
    expect(
        saved.get_by_role("button", name=f"Xoá {module.title} khỏi điện thoại này")
    ).to_be_visible()


def test_the_back_office_is_never_served_nor_kept_by_the_service_worker(
    live_server, browser, help_page
):
    UserFactory(username="bientap", role=Role.EDITOR, is_staff=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = live_server.url
    page.goto(base + help_page.url)
    _controlled(page)

    served = []
    page.on("response", lambda response: served.append(response))
    page.goto(base + "/admin/login/")
    expect(page.locator("input[name=username]")).to_be_visible()
    admin = [r for r in served if "/admin/" in r.url]
    assert admin and not any(r.from_service_worker for r in admin)
    assert not any("/admin/" in url for url in _kept_urls(page))

    context.set_offline(True)  # no offline page stands in for the back office either
    with pytest.raises(Error, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(base + "/admin/")
    context.close()
