"""The installable app: its manifest and service worker served from the root, the offline page,
the files a module needs offline (only what the reader may see), and progress that counts once."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Locale, PageViewRestriction

from cms.offline import offline_version
from cms.snippets import Hotline
from courses.models import LessonProgress
from tests import pages
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def _worker_config(client) -> dict:
    script = client.get("/sw.js").content.decode()
    return json.loads(re.search(r"var CONFIG = (\{.*\});", script)[1])


@pytest.fixture
def help_page():
    return pages.help_page()


@pytest.fixture
def saved_module():
    """A module with a lesson holding an image and a worksheet, a plain lesson and a check."""
    module = pages.module(title="Việc nhà là việc chung")
    image = pages.make_image()
    document = Document.objects.create(
        title="Phiếu học tập", file=ContentFile(b"Bang phan cong viec nha", name="phieu.txt")
    )
    body = [
        {"type": "paragraph", "value": "<p>Cả nhà cùng làm.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Cả nhà nấu cơm"}},
        {"type": "worksheet", "value": {"title": "Bảng phân công", "document": document.pk}},
    ]
    with_image = pages.lesson(module, title="Ai nấu cơm?", body=body)
    plain = pages.lesson(module, title="Ai rửa bát?")
    check = pages.make_quiz(parent=module)
    return {
        "module": module,
        "lessons": [with_image, plain],
        "check": check,
        "image": image,
        "doc": document,
    }


def test_service_worker_is_served_from_the_root_for_the_whole_site_and_never_cached(
    client, help_page
):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    config = _worker_config(client)
    assert config["version"] == offline_version()
    assert {"/admin/", "/api/", "/teacher/", "/judge/", "/reach/"} <= set(config["private"])
    assert help_page.url in config["help"] and help_page.url in config["shell"]
    assert {"/offline/", "/en/offline/", "/static/css/site.css"} <= set(config["shell"])


def test_service_worker_touches_no_write_and_no_private_address():
    source = Path(settings.BASE_DIR, "frontend/templates/cms/sw.js").read_text()
    assert 'if (request.method !== "GET") return;' in source
    assert "isPrivate(url.pathname)) return;" in source


def test_manifest_names_the_app_in_vietnamese_and_opens_on_the_student_home(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Học Bình Đẳng" and manifest["lang"] == "vi"
    assert manifest["start_url"] == "/student/" and manifest["scope"] == "/"
    css = Path(finders.find("css/site.css")).read_text()
    assert f"--brand: {manifest['theme_color']};" in css
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_every_page_links_the_manifest_and_runs_no_inline_script(client, help_page):
    html = client.get(help_page.url).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-sw="/sw.js"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


@pytest.mark.parametrize(
    ("path", "quick_exit"), [("/offline/", "Thoát nhanh"), ("/en/offline/", "Quick exit")]
)
def test_offline_page_offers_the_hotline_to_call_and_the_quick_exit(client, path, quick_exit):
    Hotline.objects.create(
        name="Tổng đài quốc gia bảo vệ trẻ em",
        number="111",
        locale=Locale.objects.get(language_code="vi"),
    )
    html = client.get(path).content.decode()
    button = r'<a class="button quick-exit-button"[^>]*data-quick-exit[^>]*>'
    assert re.search(button + quick_exit, html)
    assert 'href="tel:' in html
    if path == "/offline/":
        assert 'href="tel:111"' in html


def test_module_offline_list_names_pages_image_renditions_and_worksheets(client, saved_module):
    module, lessons = saved_module["module"], saved_module["lessons"]
    files = client.get(f"/offline/modules/{module.pk}.json").json()
    assert files["module"] == {"id": module.pk, "title": module.title, "url": module.url}
    assert files["pages"] == [
        module.url,
        lessons[0].url,
        lessons[1].url,
        saved_module["check"].url,
    ]
    (candidates,) = files["images"]
    assert [c["width"] for c in candidates] == [360, 720, 1080]
    assert all("/media/images/" in c["url"] and c["bytes"] > 0 for c in candidates)
    assert saved_module["image"].file.url not in [c["url"] for c in candidates]
    assert files["documents"] == [
        {"url": saved_module["doc"].url, "bytes": saved_module["doc"].get_file_size()}
    ]


def test_offline_list_names_the_image_files_the_lesson_page_shows(client, saved_module):
    files = client.get(f"/offline/modules/{saved_module['module'].pk}.json").json()
    html = client.get(saved_module["lessons"][0].url).content.decode()
    srcset = re.search(r'srcset="([^"]+)"', html)[1]
    shown = {part.split()[0] for part in srcset.split(",")}
    assert shown == {c["url"] for c in files["images"][0]}


def test_offline_list_leaves_out_what_the_reader_may_not_see(client, saved_module):
    module, (first, second) = saved_module["module"], saved_module["lessons"]
    PageViewRestriction.objects.create(page=second, restriction_type=PageViewRestriction.LOGIN)
    draft = pages.lesson(module, live=False, title="Bản nháp")
    files = client.get(f"/offline/modules/{module.pk}.json").json()
    assert first.url in files["pages"]
    assert second.url not in files["pages"] and draft.url not in files["pages"]

    client.force_login(StudentFactory())
    assert second.url in client.get(f"/offline/modules/{module.pk}.json").json()["pages"]


def test_a_module_the_reader_may_not_see_has_no_offline_list(client, saved_module):
    module = saved_module["module"]
    PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"/offline/modules/{module.pk}.json").status_code == 404
    assert client.get("/offline/modules/999999.json").status_code == 404
    client.force_login(StudentFactory())
    assert client.get(f"/offline/modules/{module.pk}.json").status_code == 200


def test_saving_a_lesson_for_later_is_not_reading_it(client):
    student, lesson = StudentFactory(), pages.lesson()
    client.force_login(student)
    assert client.get(lesson.url, headers={"Purpose": "prefetch"}).status_code == 200
    assert not LessonProgress.objects.filter(user=student).exists()
    client.get(lesson.url)
    assert LessonProgress.objects.filter(user=student).count() == 1


def test_a_lesson_completed_by_form_then_replayed_from_the_phone_counts_once(client):
    student, lesson = StudentFactory(), pages.lesson()
    client.force_login(student)
    client.post(f"/lessons/{lesson.pk}/complete/")
    first = LessonProgress.objects.get(user=student)
    client.post(f"/lessons/{lesson.pk}/complete/")
    replay = client.post(
        f"/api/v1/lessons/{lesson.pk}/progress/",
        {"seconds_spent": 90, "completed": True},
        content_type="application/json",
    )
    assert replay.status_code == 200
    (progress,) = LessonProgress.objects.filter(user=student)
    assert progress.completed_at == first.completed_at
    assert progress.seconds_spent == 90


def test_pages_name_their_reader_only_by_a_token_so_the_phone_can_tell_a_new_one(client):
    def owner() -> str:
        html = client.get("/offline/").content.decode()
        return re.search(r'data-owner="([^"]*)"', html)[1]

    assert owner() == ""
    first, second = StudentFactory(username="lan"), StudentFactory(username="minh")
    client.force_login(first)
    mine = owner()
    client.force_login(second)
    theirs = owner()
    assert mine and theirs and mine != theirs
    assert str(first.pk) != mine and "lan" not in mine


def test_the_sign_out_form_clears_the_phone(client):
    client.force_login(StudentFactory())
    html = client.get("/offline/").content.decode()
    assert re.search(r'<form action="/accounts/logout/"[^>]*data-sign-out', html)
