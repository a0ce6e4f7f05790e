"""The site around the curriculum: help page, campaign and news, read API, editorial set-up."""

import re
from datetime import date
from xml.etree import ElementTree

import pytest
from wagtail.models import Locale, Page, WorkflowPage

from cms.models import CampaignPage, HelpPage, NewsPage
from cms.snippets import Hotline, TrustedAddress
from courses.blocks import ScenarioBlock
from lms.accounts.models import Role
from tests import pages
from tests.factories import UserFactory, make_area

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_page():
    city = make_area()
    ninh_kieu = make_area("Phường Ninh Kiều", parent=city)
    cai_rang = make_area("Phường Cái Răng", parent=city)
    vi = Locale.objects.get(language_code="vi")
    Hotline.objects.create(name="Tổng đài quốc gia bảo vệ trẻ em", number="111", locale=vi)
    TrustedAddress.objects.create(
        name="Địa chỉ tin cậy Ninh Kiều", kind="trusted_address", area=ninh_kieu, address="KV 3"
    )
    TrustedAddress.objects.create(
        name="Nhà tạm lánh Cái Răng", kind="shelter", area=cai_rang, address="Không công khai"
    )
    page = HelpPage(title="Tìm trợ giúp", slug="tro-giup")
    pages.home().add_child(instance=page)
    return pages.publish(page), ninh_kieu


def test_help_page_lists_hotlines_and_every_trusted_address(client, help_page):
    page, _ward = help_page
    html = client.get(page.url).content.decode()
    assert 'href="tel:111"' in html
    assert "Địa chỉ tin cậy Ninh Kiều" in html and "Nhà tạm lánh Cái Răng" in html
    assert "data-quick-exit-esc" in html


def test_help_page_filters_addresses_by_ward(client, help_page):
    page, ninh_kieu = help_page
    html = client.get(page.url, {"area": ninh_kieu.pk}).content.decode()
    assert "Địa chỉ tin cậy Ninh Kiều" in html
    assert "Nhà tạm lánh Cái Răng" not in html


def test_help_page_ignores_a_bad_area_filter(client, help_page):
    page, _ward = help_page
    for value in ["abc", "999999", "1; DROP TABLE"]:
        response = client.get(page.url, {"area": value})
        assert response.status_code == 200
        assert "Nhà tạm lánh Cái Răng" in response.content.decode()


def test_every_page_has_a_quick_exit_and_the_help_link(client, help_page):
    html = client.get("/").content.decode()
    assert "data-quick-exit" in html
    assert 'href="/tro-giup/"' in html


def test_campaign_shows_its_news_and_is_featured_on_the_home_page(client):
    campaign = CampaignPage(
        title="Tháng hành động vì bình đẳng giới 2026",
        slug="thang-hanh-dong-2026",
        theme="Chung tay vì bình đẳng giới",
        start_date=date(2026, 11, 15),
        end_date=date(2026, 12, 15),
        intro="Hưởng ứng Tháng hành động.",
    )
    pages.home().add_child(instance=campaign)
    pages.publish(campaign)
    news = NewsPage(title="Lễ phát động ở Ninh Kiều", slug="le-phat-dong", intro="Tin.", body="[]")
    campaign.add_child(instance=news)
    pages.publish(news)
    assert "Lễ phát động ở Ninh Kiều" in client.get(campaign.url).content.decode()
    assert "Chung tay vì bình đẳng giới" in client.get("/").content.decode()


def test_campaign_cannot_end_before_it_starts():
    from django.core.exceptions import ValidationError

    campaign = CampaignPage(
        title="x",
        slug="x",
        theme="x",
        intro="x",
        start_date=date(2026, 12, 15),
        end_date=date(2026, 11, 15),
    )
    with pytest.raises(ValidationError):
        campaign.clean()


def test_read_api_serves_pages_images_and_documents_to_anyone(client):
    lesson = pages.lesson()
    pages.make_image()
    listing = client.get("/api/v2/pages/", {"type": "courses.LessonPage"}).json()
    assert [item["id"] for item in listing["items"]] == [lesson.pk]
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_workflow_and_groups_come_from_a_migration():
    root = Page.objects.get(depth=1)
    workflow = WorkflowPage.objects.get(page=root).workflow
    task = workflow.workflow_tasks.get().task.specific
    assert {g.name for g in task.groups.all()} == {"reviewer", "admin"}


def test_page_editor_speaks_vietnamese_to_editors_where_wagtail_leaves_english(client):
    """Our locale_wagtail catalogue fills Wagtail's gaps: the action menu, the moderation
    status, the reports menu; the workflow is named in Vietnamese only."""
    draft, waiting = pages.lesson(title="Việc nhà"), pages.lesson(title="Chia việc")
    editor = UserFactory(role=Role.EDITOR, is_staff=True)
    workflow = Page.objects.get(depth=1).get_workflow()
    assert workflow.name == "Biên tập và duyệt"
    waiting.save_revision(user=editor)
    workflow.start(waiting, editor)
    client.force_login(editor)
    editing = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert "Lưu bản nháp" in editing and "Save draft" not in editing
    in_review = client.get(f"/admin/pages/{waiting.pk}/edit/").content.decode()
    assert "Đang chờ duyệt" in in_review and "Chỉ người duyệt của bước này" in in_review
    assert "In Moderation" not in in_review and "awaiting moderation" not in in_review
    dashboard = client.get("/admin/").content.decode()
    for english in ("Reports", "Search all pages", "Write and review", "Your pages and snippets"):
        assert english not in dashboard


def test_dashboard_and_page_listing_count_pages_in_vietnamese(client):
    lesson = pages.lesson()
    client.force_login(UserFactory(role=Role.EDITOR, is_staff=True))
    dashboard = client.get("/admin/").content.decode()
    assert 'trang <span class="w-sr-only">đã tạo trên' in dashboard
    assert "Pages <span" not in dashboard
    listing = client.get(f"/admin/pages/{lesson.get_parent().pk}/").content.decode()
    assert "1–1 trên 1 trang" in listing and "Vừa xong" in listing
    assert "1-1 of" not in listing and "Just now" not in listing
    assert re.search(r"\b1 page\b", listing) is None  # the pager's count


def test_page_editor_names_its_rich_text_boxes_and_list_items_for_screen_readers(client):
    """Wagtail leaves Draftail's box and a list item's input unnamed: our editor script names
    them from the label shown; a list item's label is its child block's ("Câu hỏi")."""
    lesson = pages.lesson()
    client.force_login(UserFactory(role=Role.EDITOR, is_staff=True))
    editing = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()
    assert "js/editor-names.js" in editing
    questions = ScenarioBlock().child_blocks["questions"]
    assert str(questions.child_block.label) == "Câu hỏi"


def test_footer_follows_an_edited_hotline_at_once(client):
    hotline = Hotline.objects.create(
        name="Tổng đài",
        number="1800 8065",
        show_in_footer=True,
        locale=Locale.objects.get(language_code="vi"),
    )
    assert "1800 8065" in client.get("/").content.decode()  # now cached
    hotline.number = "1800 1567"
    hotline.save()
    assert "1800 1567" in client.get("/").content.decode()


def test_help_link_appears_as_soon_as_the_help_page_is_published(client):
    assert 'class="nav-help"' not in client.get("/").content.decode()
    page = HelpPage(title="Tìm trợ giúp", slug="tro-giup")
    pages.home().add_child(instance=page)
    pages.publish(page)
    assert 'href="/tro-giup/"' in client.get("/").content.decode()


def _hidden_value(html: str, name: str) -> str:
    import re

    return re.search(rf'name="{name}" value="([^"]*)"', html)[1]


def test_the_kept_header_carries_each_visitors_own_name_token_and_address(client):
    from django.contrib.auth.models import Group
    from django.test import Client

    from lms.accounts.models import Role
    from tests.factories import StudentFactory

    lan, kiet = StudentFactory(display_name="Mai Lan <3"), StudentFactory(display_name="Tuấn Kiệt")
    other = Client()
    client.force_login(lan)
    other.force_login(kiet)
    first = client.get("/?trang=short-name-d41f7c").content.decode()
    second = other.get("/certificates/").content.decode()
    assert "Mai Lan &lt;3" in first and "Tuấn Kiệt" not in first
    assert "Tuấn Kiệt" in second and "Mai Lan" not in second
    assert _hidden_value(first, "next") == "/?trang=short-name-d41f7c"  # a mark, kept as sent
    assert _hidden_value(second, "next") == "/certificates/"
    assert _hidden_value(first, "csrfmiddlewaretoken") != _hidden_value(
        second, "csrfmiddlewaretoken"
    )
    # A form posted with the token the kept header carried is accepted.
    token = _hidden_value(second, "csrfmiddlewaretoken")
    other.handler.enforce_csrf_checks = True
    response = other.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    # A new role shows its link on the next page.
    kiet.groups.add(Group.objects.get_or_create(name=Role.JUDGE)[0])
    assert "/judge/" in other.get("/certificates/").content.decode()
    # A visitor gets the visitor's header, in the language asked for.
    visitor = Client().get("/en/").content.decode()
    assert "Sign in" in visitor and "Mai Lan" not in visitor and "Tuấn Kiệt" not in visitor


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_both_languages_with_alternates_at_the_public_address(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://hocbinhdang.cantho.gov.vn"
    lesson = pages.lesson(title="Việc nhà là việc chung")
    module = lesson.get_parent()
    for page in (module.get_parent(), module):
        pages.translate(page.specific)
    english = pages.translate(lesson, title="Housework is everyone's work")
    response = client.get("/sitemap.xml", HTTP_HOST="localhost")
    tree = ElementTree.fromstring(response.content)
    urls = {
        url.find("s:loc", SITEMAP).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)
        }
        for url in tree.findall("s:url", SITEMAP)
    }
    base = "https://hocbinhdang.cantho.gov.vn"
    vi_url, en_url = base + lesson.url, base + english.url
    assert english.url.startswith("/en/")
    assert {vi_url, en_url, base + "/", base + "/en/"} <= set(urls)
    both = {"vi": vi_url, "en": en_url, "x-default": vi_url}
    assert urls[vi_url] == both and urls[en_url] == both
    assert all(address.startswith(base + "/") for address in urls)
    robots = client.get("/robots.txt", HTTP_HOST="localhost").content.decode()
    assert f"Sitemap: {base}/sitemap.xml" in robots
