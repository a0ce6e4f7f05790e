"""The curriculum in Wagtail: page rules, blocks, teacher notes, publishing, search, languages."""

import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import CampaignPage, HelpPage, HomePage, NewsPage, StandardPage
from courses.blocks import AccessibleImageBlock, CheckQuestionBlock
from courses.pages import CurriculumIndexPage, LessonPage, ModulePage
from lms.accounts.models import Role
from tests import pages
from tests.factories import StudentFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (CurriculumIndexPage, HomePage, True),
        (ModulePage, CurriculumIndexPage, True),
        (ModulePage, HomePage, False),
        (LessonPage, ModulePage, True),
        (LessonPage, HomePage, False),
        (LessonPage, CurriculumIndexPage, False),
        (CampaignPage, HomePage, True),
        (NewsPage, CampaignPage, True),
        (NewsPage, HomePage, False),
        (HelpPage, HomePage, True),
        (StandardPage, HomePage, True),
    ],
)
def test_page_types_only_fit_where_they_belong(child, parent, allowed):
    assert (child in parent.allowed_subpage_models()) is allowed
    assert (parent in child.allowed_parent_page_models()) is allowed


def test_lesson_cannot_have_children():
    assert LessonPage.allowed_subpage_models() == []


def test_editor_creates_a_lesson_through_the_admin_and_it_waits_for_review(client):
    module = pages.module()
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["courses", "lessonpage", module.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Bài học mới",
            "slug": "bai-hoc-moi",
            "summary": "Tóm tắt",
            "estimated_minutes": 10,
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Nội dung bài học.</p>")),
                    ("teacher_notes", {"notes": rich_text("<p>Ghi chú</p>")}),
                ]
            ),
            "action-submit": "Submit",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug="bai-hoc-moi")
    assert not lesson.live
    assert lesson.current_workflow_state.status == "in_progress"


def test_editor_cannot_publish_but_reviewer_can():
    lesson = pages.lesson(live=False)
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    reviewer = UserFactory(role=Role.REVIEWER, is_staff=True)
    assert not lesson.permissions_for_user(editor).can_publish()
    assert lesson.permissions_for_user(editor).can_edit()
    assert lesson.permissions_for_user(reviewer).can_publish()


def test_reviewer_approves_and_the_lesson_goes_live():
    lesson = pages.lesson(live=False)
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    reviewer = UserFactory(role=Role.REVIEWER, is_staff=True)
    lesson.save_revision(user=editor)
    state = lesson.get_workflow().start(lesson, editor)
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(lesson, reviewer)
    task_state.task.specific.on_action(task_state, reviewer, "approve", comment="Tốt")
    lesson.refresh_from_db()
    assert lesson.live
    state.refresh_from_db()
    assert state.status == "approved"


def test_reviewer_rejects_with_a_comment_and_nothing_is_published():
    lesson = pages.lesson(live=False)
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    reviewer = UserFactory(role=Role.REVIEWER, is_staff=True)
    lesson.save_revision(user=editor)
    state = lesson.get_workflow().start(lesson, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, reviewer, "reject", comment="Cần thêm ví dụ ở trường học."
    )
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert not lesson.live
    assert state.status == "needs_changes"
    assert state.current_task_state.get_comment() == "Cần thêm ví dụ ở trường học."


def test_scheduled_lesson_goes_live_when_its_time_comes():
    lesson = pages.lesson(live=False)
    lesson.go_live_at = timezone.now() + timedelta(seconds=1.5)
    revision = lesson.save_revision()
    revision.publish()  # in the future: scheduled, not live
    lesson.refresh_from_db()
    assert not lesson.live
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")  # too early: nothing happens
    lesson.refresh_from_db()
    assert not lesson.live
    time.sleep(1.6)
    call_command("publish_scheduled")
    lesson.refresh_from_db()
    assert lesson.live


def test_every_block_renders_and_teachers_see_their_notes(client):
    lesson = pages.lesson()
    client.force_login(TeacherFactory())
    html = client.get(lesson.url).content.decode()
    for expected in [
        "con trai và con gái có cơ hội như nhau",  # paragraph
        'class="key-fact"',
        'class="scenario"',
        'class="myth-or-fact"',
        "data-check",
        "BÍ MẬT GIÁO VIÊN",
    ]:
        assert expected in html


@pytest.mark.parametrize("who", ["anonymous", "student"])
def test_teacher_notes_never_reach_a_student(client, who):
    lesson = pages.lesson()
    if who == "student":
        client.force_login(StudentFactory())
    html = client.get(lesson.url).content.decode()
    assert "BÍ MẬT GIÁO VIÊN" not in html
    assert "Ai nên làm việc nhà?" in html
    api = client.get(f"/api/v2/pages/{lesson.pk}/").json()
    assert "BÍ MẬT GIÁO VIÊN" not in json.dumps(api, ensure_ascii=False)
    assert {block["type"] for block in api["student_body"]} >= {"paragraph", "check_question"}
    assert "body" not in api


def test_unpublished_lesson_is_never_served(client):
    lesson = pages.lesson(live=False)
    client.force_login(StudentFactory())
    assert client.get(f"/chu-de/{lesson.get_parent().slug}/{lesson.slug}/").status_code == 404
    assert client.get(f"/api/v2/pages/{lesson.pk}/").status_code == 404


def test_image_without_alt_text_cannot_be_published():
    block = AccessibleImageBlock()
    image = pages.make_image()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": " ", "caption": ""}))
    cleaned = block.clean(
        block.to_python({"image": image.pk, "alt_text": "Hai bạn cùng nấu cơm", "caption": ""})
    )
    assert cleaned["alt_text"] == "Hai bạn cùng nấu cơm"


def test_image_block_renders_responsive_renditions_with_sizes(client):
    image = pages.make_image()
    body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": "Cả nhà nấu cơm", "caption": ""}}
    ]
    html = client.get(pages.lesson(body=body).url).content.decode()
    assert 'alt="Cả nhà nấu cơm"' in html
    assert "srcset=" in html and 'width="' in html and 'height="' in html


def test_check_question_needs_a_right_answer():
    block = CheckQuestionBlock()
    value = block.to_python(
        {
            "question": "?",
            "choices": [
                {"text": "a", "is_correct": False, "feedback": "x"},
                {"text": "b", "is_correct": False, "feedback": "y"},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_search_ignores_vietnamese_diacritics(client):
    pages.lesson(title="Bình đẳng giới trong gia đình", slug="binh-dang")
    pages.lesson(title="Một bài khác", slug="khac", summary="Không liên quan.", body=[])
    for query in ["binh dang gioi", "bình đẳng giới", "BINH DANG"]:
        html = client.get("/search/", {"q": query}).content.decode()
        assert "Bình đẳng giới trong gia đình" in html, query
        assert "Một bài khác" not in html


def test_search_does_not_show_unpublished_lessons(client):
    pages.lesson(title="Bản nháp bình đẳng", slug="nhap", live=False)
    html = client.get("/search/", {"q": "ban nhap"}).content.decode()
    assert "Bản nháp bình đẳng" not in html


def test_english_translation_is_served_under_en_and_the_switcher_lands_on_it(client):
    lesson = pages.lesson(slug="viec-nha")
    module = lesson.get_parent().specific
    index = module.get_parent().specific
    pages.translate(index, title="Modules", slug="modules")
    pages.translate(module, title="Gender and sex", slug="gender")
    english = pages.translate(lesson, title="Housework is shared work", slug="housework")
    assert english.url == "/en/modules/gender/housework/"
    html = client.get(english.url).content.decode()
    assert '<html lang="en">' in html and "Housework is shared work" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": lesson.url})
    assert response["Location"] == "/en/modules/gender/housework/"
    back = client.post("/i18n/setlang/", {"language": "vi", "next": english.url})
    assert back["Location"] == lesson.url


def test_switcher_goes_to_the_home_page_when_a_page_has_no_translation(client):
    lesson = pages.lesson()
    response = client.post("/i18n/setlang/", {"language": "en", "next": lesson.url})
    assert response["Location"] == "/en/"


def test_sitemap_robots_and_open_graph(client):
    lesson = pages.lesson()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert lesson.slug in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap:" in robots
    html = client.get(lesson.url).content.decode()
    assert '<meta property="og:title" content="Việc nhà là việc chung">' in html


def test_lesson_page_renders_with_few_queries(client, django_assert_max_num_queries):
    lesson = pages.lesson()
    client.force_login(StudentFactory())
    client.get(lesson.url)
    with django_assert_max_num_queries(15):
        assert client.get(lesson.url).status_code == 200


def test_locales_exist_for_both_languages():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en"}
    assert Page.objects.filter(depth=2).count() == 2


def test_video_worksheet_and_image_blocks_render_for_students(client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    video_url = "https://www.youtube.com/watch?v=viec-nha"
    # An embed Wagtail fetched earlier is read from its table: the test never leaves this machine.
    Embed.objects.create(
        url=video_url,
        hash=get_embed_hash(video_url),
        type="video",
        html='<iframe title="Video"></iframe>',
    )

    document = Document.objects.create(
        title="Phiếu học tập", file=ContentFile(b"Bang phan cong viec nha", name="phieu.txt")
    )
    body = [
        {
            "type": "video",
            "value": {
                "video": video_url,
                "title": "Chia sẻ việc nhà",
                "transcript": "<p>Lời thoại: cả nhà cùng dọn dẹp.</p>",
            },
        },
        {
            "type": "worksheet",
            "value": {"title": "Bảng phân công", "document": document.pk, "description": "In ra"},
        },
    ]
    client.force_login(StudentFactory())
    response = client.get(pages.lesson(body=body).url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<iframe title="Video">' in html
    assert "Lời thoại: cả nhà cùng dọn dẹp." in html
    assert document.url in html and "Bảng phân công" in html
