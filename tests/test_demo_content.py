"""The demo site content: curriculum, campaign, help page and snippets, in Vietnamese and English.

Seeding publishes about fifty pages through Wagtail (a few seconds), so the module seeds once, twice
in a row, inside a transaction that is rolled back at the end; each test runs in a savepoint of it.
"""

from io import StringIO

import pytest
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, WorkflowState

from cms import demo_content as site
from cms.demo import seed_site_content
from cms.models import CampaignPage, HelpPage, NewsPage
from cms.snippets import Hotline, TrustedAddress
from courses.blocks import TEACHER_ONLY_BLOCKS
from courses.pages import CurriculumIndexPage, LessonPage, ModulePage
from lms.accounts import demo as accounts_demo
from lms.accounts.models import Area

FORMATIVE_BLOCKS = {"check_question", "myth_or_fact"}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """(what the first run created, what the second run created)."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            accounts_demo.seed_demo(students=0)
            first = seed_site_content()
            second = seed_site_content()
            yield first, second
            transaction.set_rollback(True)


@pytest.fixture
def content(seeded, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return seeded


def in_language(queryset, language: str):
    return queryset.filter(locale__language_code=language)


def english(page: Page) -> Page | None:
    return page.get_translation_or_none(Locale.objects.get(language_code="en"))


def test_four_core_modules_of_three_live_lessons_each_with_a_live_english_translation(content):
    modules = in_language(ModulePage.objects.live(), "vi").order_by("path")
    assert modules.count() >= 4
    for module in modules:
        assert module.is_core and module.summary and module.cover_image_id
        assert 6 <= module.grade_min <= module.grade_max <= 12
        assert module.estimated_minutes > 0 and len(module.objectives) >= 3
        lessons = list(module.lessons())
        assert len(lessons) >= 3
        for page in [module, *lessons]:
            translation = english(page)
            assert translation is not None and translation.live, page.title
            assert translation.alias_of_id is None  # a real translation, not an alias of vi
            assert translation.title != page.title
    index = in_language(CurriculumIndexPage.objects.live(), "vi").get()
    assert index.slug == "chu-de"
    assert in_language(CurriculumIndexPage.objects.live(), "en").get().slug == "modules"


def test_every_lesson_has_teacher_notes_text_and_something_to_check_understanding(content):
    lessons = LessonPage.objects.live()
    assert lessons.count() >= 24  # 12 lessons, two languages
    for lesson in lessons:
        kinds = [block.block_type for block in lesson.body]
        assert 4 <= len(kinds) <= 8, lesson.title
        assert "paragraph" in kinds, lesson.title
        assert TEACHER_ONLY_BLOCKS & set(kinds), lesson.title
        assert FORMATIVE_BLOCKS & set(kinds), lesson.title
        assert "video" not in kinds  # no network for embeds in the demo
        assert lesson.summary and lesson.estimated_minutes > 0
        for block in lesson.body:
            if block.block_type == "check_question":
                assert any(choice["is_correct"] for choice in block.value["choices"])
        # Whatever an editor could not save, the seed must not have saved either.
        stream_block = LessonPage._meta.get_field("body").stream_block
        stream_block.clean(lesson.body)


def test_students_never_receive_the_teacher_notes(content):
    for lesson in LessonPage.objects.live():
        assert all(block["type"] != "teacher_notes" for block in lesson.student_body())


def test_every_image_block_describes_its_image(content):
    pages = [
        *LessonPage.objects.all(),
        *NewsPage.objects.all(),
        *CampaignPage.objects.all(),
        *HelpPage.objects.all(),
    ]
    lessons_with_images = set()
    for page in pages:
        for block in page.body:
            if block.block_type == "image":
                assert block.value["image"] is not None
                assert block.value["alt_text"].strip(), page.title
                if isinstance(page, LessonPage):
                    lessons_with_images.add((page.locale_id, page.translation_key))
    assert len(lessons_with_images) >= 4  # two lessons at least, in both languages


def test_seeding_again_creates_nothing(content):
    first, second = content
    assert first["pages"] >= 44 and first["trusted_addresses"] >= 6
    assert set(second.values()) == {0}

    def rows():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            get_image_model().objects.count(),
            Hotline.objects.count(),
            TrustedAddress.objects.count(),
        )

    before = rows()
    assert set(seed_site_content().values()) == {0}
    assert rows() == before
    slugs = list(Page.objects.values_list("path", "slug"))
    siblings = {(path[:-4], slug) for path, slug in slugs}
    assert len(siblings) == len(slugs)


def test_pages_are_published_revisions_past_the_review_workflow(content):
    seeded_pages = Page.objects.filter(depth__gte=3)
    assert seeded_pages.filter(live=False).count() == 0
    assert seeded_pages.filter(has_unpublished_changes=True).count() == 0
    assert not WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    for page in seeded_pages:
        assert page.live_revision_id is not None and page.live_revision_id == (
            page.latest_revision_id
        )


def test_campaign_runs_through_the_month_of_action_with_its_news(content):
    campaign = in_language(CampaignPage.objects.live(), "vi").get(slug="thang-hanh-dong-2026")
    assert (campaign.start_date.isoformat(), campaign.end_date.isoformat()) == (
        "2026-11-15",
        "2026-12-15",
    )
    news = NewsPage.objects.live().child_of(campaign)
    assert news.count() >= 2
    assert all(campaign.start_date <= item.date <= campaign.end_date for item in news)
    translation = english(campaign)
    assert translation.slug == "month-of-action-2026" and translation.live


def test_help_page_and_trusted_addresses_in_several_wards(content):
    help_page = in_language(HelpPage.objects.live(), "vi").get()
    assert (help_page.slug, help_page.title) == ("tro-giup", "Tìm trợ giúp")
    assert "1800 8065" in help_page.intro
    assert english(help_page).slug == "help"
    addresses = TrustedAddress.objects.filter(is_active=True)
    assert addresses.count() >= 6
    assert addresses.values("area").distinct().count() >= 4
    assert addresses.values("kind").distinct().count() >= 4
    social_work = addresses.get(kind=TrustedAddress.Kind.SOCIAL_WORK)
    assert social_work.phone == "1800 8065"
    # No invented numbers: only the real hotlines appear on addresses.
    assert set(addresses.exclude(phone="").values_list("phone", flat=True)) <= {
        hotline["number"] for hotline in site.HOTLINES
    }


def test_footer_hotline_1800_8065_is_there_in_both_languages(content):
    rows = Hotline.objects.filter(number="1800 8065", show_in_footer=True)
    assert set(rows.values_list("locale__language_code", flat=True)) == {"vi", "en"}
    assert len({row.translation_key for row in rows}) == 1
    assert all(row.is_free and row.sort_order == 0 for row in rows)
    child_line = Hotline.objects.filter(number="111")
    assert set(child_line.values_list("locale__language_code", flat=True)) == {"vi", "en"}


def test_without_the_wards_no_trusted_address_is_made_and_the_seed_says_why(content):
    TrustedAddress.objects.all().delete()
    Area.objects.filter(name=site.CITY_NAME).update(name="Một thành phố khác")
    out = StringIO()
    created = seed_site_content(stdout=out)
    assert created["trusted_addresses"] == 0
    assert not TrustedAddress.objects.exists()
    assert "Trusted addresses skipped" in out.getvalue()


def test_every_core_module_has_a_family_quiz_beside_its_check_in_both_languages(content):
    from quizzes.pages import QuizPage  # the quiz engine's page, read only by this test

    for module in in_language(ModulePage.objects.live().filter(is_core=True), "vi"):
        quizzes = QuizPage.objects.live().child_of(module)
        family = quizzes.get(for_families=True)
        assert 3 <= family.fixed_questions.count() <= 5 and not family.gives_certificate
        assert quizzes.filter(for_families=False).exists()  # the knowledge check stays
        translation = english(family).specific
        assert translation.live and translation.for_families
        assert {row.question.language for row in translation.fixed_questions.all()} == {"en"}
