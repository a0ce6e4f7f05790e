"""What a worker keeps of pages (lms/core/live_pages.py) follows every change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import pages
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def _queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries.captured_queries), response


def test_a_page_read_again_skips_finding_the_site_and_the_route(client):
    lesson = pages.lesson(title="Việc nhà là việc chung")
    first, response = _queries(client, lesson.url)
    assert response.status_code == 200
    again, response = _queries(client, lesson.url)
    assert response.status_code == 200 and "Việc nhà là việc chung" in response.content.decode()
    assert again <= first - 3  # the site, the page and its specific type at least


def test_a_saved_page_is_served_as_saved_on_the_next_request(client):
    lesson = pages.lesson(title="Việc nhà là việc chung")
    client.get(lesson.url)
    lesson.title = "Chia sẻ việc nhà"
    pages.publish(lesson)
    assert "Chia sẻ việc nhà" in client.get(lesson.url).content.decode()


def test_an_unpublished_page_is_gone_on_the_next_request(client):
    lesson = pages.lesson()
    url = lesson.url
    assert client.get(url).status_code == 200
    lesson.unpublish()
    assert client.get(url).status_code == 404


def test_a_new_view_restriction_applies_on_the_next_request(client):
    lesson = pages.lesson()
    assert client.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(lesson.url).status_code == 302  # to the sign-in page


def test_each_language_keeps_its_own_route(client):
    module = pages.module(title="Giới và giới tính")
    pages.translate(pages.curriculum(), slug="modules-en")
    english = pages.translate(module, slug="module-en", title="Gender and sex")
    assert client.get(module.url).status_code == 200
    assert "Gender and sex" in client.get(english.url).content.decode()
    assert "Giới và giới tính" in client.get(module.url).content.decode()


def test_everyone_shares_the_kept_route_and_sees_their_own_page(client):
    lesson = pages.lesson()
    assert 'href="/student/"' not in client.get(lesson.url).content.decode()
    client.force_login(StudentFactory())
    assert 'href="/student/"' in client.get(lesson.url).content.decode()


def test_a_lifted_view_restriction_lifts_on_the_next_request(client):
    lesson = pages.lesson()
    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(lesson.url).status_code == 302
    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_view_restrictions_are_looked_up_once_per_version(client):
    lesson = pages.lesson()
    client.get(lesson.url)  # the site's settings are made at the first request: a page change
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    assert not any("wagtailcore_pageviewrestriction" in q["sql"] for q in queries.captured_queries)
    # The back office refines the same queryset: it still asks the database.
    assert list(lesson.get_view_restrictions().order_by("-page__depth")) == []
