"""The judge space: only a contest's judges (and administrators) see it; live figures and flags,
attempt audits, decisions with reasons, finalising after the close, publishing, the differences
between versions, awards once, and exports read back cell by cell."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lms.accounts.models import Role
from quizzes import services
from quizzes.contests import finalising
from quizzes.contests import pages as contest_pages
from quizzes.contests.models import ContestEntry, JudgeDecision, RankingSnapshot
from quizzes.models import Attempt, Certificate
from tests import pages
from tests.factories import (
    AFTER,
    StudentFactory,
    UserFactory,
    enter,
    five_question_round,
    scored_attempt,
    worked_example,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge(client):
    judge = UserFactory(role=Role.JUDGE, display_name="Giám khảo Hòa")
    client.force_login(judge)
    return judge


@pytest.fixture
def example(contest):
    """The issue's worked example: a closed round of five participants."""
    return worked_example(contest)


def _open_round(contest, number: int = 2):
    now = timezone.now()
    return five_question_round(
        contest,
        number=number,
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=1),
    )


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _levels(response) -> list[str]:
    return [level for level, _text in _messages(response)]


def _judge_urls(contest, round_, snapshot, attempt, entry) -> list[tuple[str, str]]:
    return [
        ("get", reverse("judge:contest", args=[contest.pk])),
        ("get", reverse("judge:round", args=[round_.pk])),
        ("get", reverse("judge:attempt", args=[attempt.pk])),
        ("get", reverse("judge:snapshot", args=[snapshot.pk])),
        ("get", reverse("judge:export", args=[snapshot.pk]) + "?format=csv"),
        ("post", reverse("judge:decide", args=[entry.pk])),
        ("post", reverse("judge:finalise-round", args=[round_.pk])),
        ("post", reverse("judge:finalise-overall", args=[contest.pk])),
        ("post", reverse("judge:publish", args=[snapshot.pk])),
        ("post", reverse("judge:awards", args=[snapshot.pk])),
    ]


def test_only_the_contests_judges_and_administrators_see_its_judge_pages(
    client, judge, contest, example
):
    round_, people = example
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    attempt = Attempt.objects.filter(user=people["Bình"].user).get()
    urls = _judge_urls(contest, round_, snapshot, attempt, people["Bình"])
    for method, url in urls:
        if method == "get":
            assert client.get(url).status_code == 200, url
    assert contest.title in client.get(reverse("judge:home")).content.decode()

    client.force_login(UserFactory(role=Role.ADMIN))
    for method, url in urls:
        if method == "get":
            assert client.get(url).status_code == 200, url

    other_judge = UserFactory(role=Role.JUDGE)
    pages.contest(judges=[other_judge], title="Cuộc thi khác")
    client.force_login(other_judge)
    home = client.get(reverse("judge:home"))
    assert home.status_code == 200 and contest.title not in home.content.decode()
    for method, url in urls:
        assert getattr(client, method)(
            url, {"reason": "x", "action": "disqualify"}
        ).status_code == (404), url

    client.force_login(StudentFactory())
    assert client.get(reverse("judge:home")).status_code == 404
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 404, url

    client.logout()
    for method, url in [("get", reverse("judge:home")), *urls]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    # Nothing was changed by anyone but the judge.
    assert not JudgeDecision.objects.exists()
    assert RankingSnapshot.objects.count() == 1
    assert not ContestEntry.objects.filter(disqualified_at__isnull=False).exists()


def test_a_judge_of_nothing_sees_an_empty_list(client):
    client.force_login(UserFactory(role=Role.JUDGE))
    response = client.get(reverse("judge:home"))
    assert response.status_code == 200 and list(response.context["contests"]) == []


def test_the_dashboard_shows_the_live_figures_and_refreshes_itself(client, judge, example):
    round_, people = example
    Attempt.objects.create(
        quiz=round_, user=people["An"].user, number=2, paper=[], started_at=timezone.now()
    )
    response = client.get(reverse("judge:round", args=[round_.pk]))
    html = response.content.decode()
    board = response.context["board"]
    assert (board.participants, board.signed_up, board.attempts, board.open_attempts) == (
        5,
        5,
        5,
        1,
    )
    assert 'id="figure-participants">5<' in html and 'id="figure-open">1<' in html
    assert 'data-auto-refresh="30"' in html and 'http-equiv="refresh"' not in html
    assert [name for _ranked, name, _unit in board.top] == [
        "Lê Thị Bình",
        "Võ Thị Em",
        "Nguyễn Văn An",
        "Trần Minh Chi",
        "Phạm Văn Dũng",
    ]
    assert "Lê Thị Bình" in html  # full names: judges only
    # The histogram: four perfect scores in the top band, one at 80%.
    bands = {bar["lower"]: bar["n"] for bar in response.context["chart"]["bars"]}
    assert bands[90] == 4 and bands[80] == 1 and sum(bands.values()) == 5
    assert 'role="img"' in html and 'id="histogram"' in html
    # Each worked-example school sits in its own ward: five wards of one participant each.
    assert sorted(line.participants for line in board.wards) == [1, 1, 1, 1, 1]
    assert 'id="wards"' in html
    assert response.context["participants"].paginator.count == 5


def test_the_participants_table_searches_by_name(client, judge, example):
    round_, _people = example
    response = client.get(reverse("judge:round", args=[round_.pk]), {"q": "Dũng"})
    found = list(response.context["participants"])
    assert [entry.user.display_name for entry in found] == ["Phạm Văn Dũng"]
    assert (found[0].attempts_count, found[0].best_score) == (1, 4)


def test_flags_are_listed_with_links_to_the_attempts_and_decide_nothing(client, judge, contest):
    round_ = five_question_round(contest)
    shared = []
    for n in range(3):
        attempt = scored_attempt(
            round_, enter(contest, f"Bạn {n}"), score=5, prediction=1, submitted="10:00", seconds=90
        )
        Attempt.objects.filter(pk=attempt.pk).update(
            origin_device=contest_pages.origin_hash("máy-1")
        )
        shared.append(attempt)
    quick = scored_attempt(
        round_, enter(contest, "Nhanh Lắm"), score=5, prediction=1, submitted="10:00", seconds=8
    )
    html = client.get(reverse("judge:round", args=[round_.pk])).content.decode()
    assert 'class="flag flag-device"' in html and 'class="flag flag-quick"' in html
    for attempt in [*shared, quick]:
        assert reverse("judge:attempt", args=[attempt.pk]) in html
    assert "Nhanh Lắm" in html
    assert not ContestEntry.objects.filter(disqualified_at__isnull=False).exists()


def test_the_audit_shows_the_paper_with_the_chosen_answers(client, judge, contest):
    round_ = _open_round(contest)
    entry = enter(contest, "Trần Thị Mai")
    now = timezone.now()
    attempt = services.start_attempt(quiz=round_, user=entry.user, now=now, device="máy-7")
    first, second = attempt.paper[0], attempt.paper[1]
    right = first["key"]["correct_choice_ids"][0]
    wrong = next(c for c in second["choices"] if c["id"] not in second["key"]["correct_choice_ids"])
    for slot, value, sequence in [(1, right, 3), (2, wrong["id"], 4)]:
        services.save_answer(
            attempt_id=attempt.pk,
            user=entry.user,
            slot=slot,
            value=value,
            sequence=sequence,
            now=now,
        )
    services.submit_attempt(attempt_id=attempt.pk, now=now, prediction=7)
    response = client.get(reverse("judge:attempt", args=[attempt.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert entry.user.username in html and "Trần Thị Mai" in html
    assert '<li class="chosen">Cả nhà' in html  # slot 1: the right choice, chosen
    assert f'<li class="chosen">{wrong["text"]}' in html  # slot 2: a wrong one
    paper = response.context["paper"]
    assert [(row["slot"], row["correct"], row["marks"]) for row in paper[:3]] == [
        (1, True, 1),
        (2, False, 0),
        (3, False, 0),
    ]
    assert [row["sequence"] for row in paper[:3]] == [3, 4, None]
    assert [c["text"] for c in paper[0]["choices"]] == ["Cả nhà", "Chỉ mẹ", "Chỉ bố"]
    assert "Câu 1" in html and attempt.origin_device in html


def test_disqualifying_without_a_reason_is_refused_and_with_one_is_audited(
    client, judge, contest, example
):
    _round, people = example
    entry = people["Bình"]
    attempt = Attempt.objects.get(user=entry.user)
    audit = reverse("judge:attempt", args=[attempt.pk])
    decide = reverse("judge:decide", args=[entry.pk])
    refused = client.post(decide, {"action": "disqualify", "reason": "  ", "next": audit})
    assert refused.status_code == 302 and refused["Location"] == audit
    assert "error" in _levels(refused)
    entry.refresh_from_db()
    assert not entry.is_disqualified and not JudgeDecision.objects.exists()

    done = client.post(decide, {"action": "disqualify", "reason": "Hai tài khoản", "next": audit})
    assert done["Location"] == audit and "success" in _levels(done)
    entry.refresh_from_db()
    assert entry.is_disqualified and entry.disqualified_reason == "Hai tài khoản"
    decision = JudgeDecision.objects.get()
    assert (decision.decided_by, decision.action) == (judge, "disqualify")
    assert "Hai tài khoản" in client.get(audit).content.decode()

    again = client.post(
        decide, {"action": "disqualify", "reason": "Lần nữa", "next": "https://evil.example/"}
    )
    assert again["Location"] == reverse("judge:contest", args=[contest.pk])
    assert "error" in _levels(again) and JudgeDecision.objects.count() == 1
    contest_page = client.get(reverse("judge:contest", args=[contest.pk])).content.decode()
    assert "Hai tài khoản" in contest_page


def test_finalising_is_refused_before_the_close_and_makes_version_1_after(
    client, judge, contest, example
):
    closed, _people = example
    still_open = _open_round(contest)
    refused = client.post(reverse("judge:finalise-round", args=[still_open.pk]), {"reason": ""})
    assert refused["Location"] == reverse("judge:contest", args=[contest.pk])
    assert "error" in _levels(refused)
    assert not RankingSnapshot.objects.exists()

    done = client.post(reverse("judge:finalise-round", args=[closed.pk]), {"reason": ""})
    snapshot = RankingSnapshot.objects.get()
    assert snapshot.version == 1 and snapshot.created_by == judge
    assert done["Location"] == reverse("judge:snapshot", args=[snapshot.pk])
    page = client.get(done["Location"])
    assert page.context["verified"] and page.context["is_latest"]
    assert [row.public_name for row in page.context["rows"]][:2] == ["Lê T. B.", "Võ T. E."]


def test_publishing_the_latest_version(client, judge, example):
    round_, _people = example
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    url = reverse("judge:snapshot", args=[snapshot.pk])
    assert 'id="publish-button"' in client.get(url).content.decode()
    done = client.post(reverse("judge:publish", args=[snapshot.pk]))
    assert done["Location"] == url and "success" in _levels(done)
    assert snapshot.publication.published_by == judge
    page = client.get(url).content.decode()
    assert 'id="publish-button"' not in page
    again = client.post(reverse("judge:publish", args=[snapshot.pk]))
    assert again.status_code == 302 and "error" in _levels(again)


def test_a_second_version_after_a_disqualification_shows_the_differences(
    client, judge, contest, example
):
    round_, people = example
    finalise = reverse("judge:finalise-round", args=[round_.pk])
    client.post(finalise)
    client.post(
        reverse("judge:decide", args=[people["Bình"].pk]),
        {"action": "disqualify", "reason": "Hai tài khoản"},
    )
    outdated = RankingSnapshot.objects.get()
    page = client.get(reverse("judge:snapshot", args=[outdated.pk])).content.decode()
    assert 'id="corrections"' in page  # the decision is pointed out until a new version
    without_reason = client.post(finalise, {"reason": ""})
    assert "error" in _levels(without_reason) and RankingSnapshot.objects.count() == 1
    done = client.post(finalise, {"reason": "Loại một thí sinh"})
    second = RankingSnapshot.objects.get(version=2)
    assert done["Location"] == reverse("judge:snapshot", args=[second.pk])
    response = client.get(done["Location"])
    changes = [(c.public_name, c.old_rank, c.new_rank) for c in response.context["changes"]]
    assert changes == [
        ("Võ T. E.", 2, 1),
        ("Nguyễn V. A.", 3, 2),
        ("Trần M. C.", 4, 3),
        ("Phạm V. D.", 5, 4),
        ("Lê T. B.", 1, None),
    ]
    html = response.content.decode()
    assert 'id="differences"' in html and "Lê T. B." in html
    first = RankingSnapshot.objects.get(version=1)
    old_page = client.get(reverse("judge:snapshot", args=[first.pk])).content.decode()
    assert 'id="publish-button"' not in old_page  # only the latest version is published


def test_awards_issue_certificates_once_and_only_once_published(client, judge, example):
    round_, _people = example
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    awards = reverse("judge:awards", args=[snapshot.pk])
    early = client.post(awards)
    assert "error" in _levels(early) and not Certificate.objects.exists()
    finalising.publish(snapshot=snapshot, by=judge, now=AFTER)
    client.post(awards)
    client.post(awards)
    issued = list(Certificate.objects.order_by("pk"))
    assert [c.display_name for c in issued] == ["Lê Thị Bình", "Võ Thị Em", "Nguyễn Văn An"]
    html = client.get(reverse("judge:snapshot", args=[snapshot.pk])).content.decode()
    for certificate in issued:
        assert reverse("quizzes:verify", args=[certificate.code]) in html
    # Awarding from the English pages finds the same certificates.
    client.post("/en" + awards)
    assert Certificate.objects.count() == 3


def _local(value: datetime) -> datetime:
    return timezone.localtime(value).replace(tzinfo=None)


def test_the_ranking_exports_to_xlsx_and_csv(client, judge, contest, example):
    round_, people = example
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    url = reverse("judge:export", args=[snapshot.pk])
    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    filename = f'xep-hang-{contest.slug}-vong-1-v1.xlsx"'
    assert response["Content-Disposition"].endswith(filename)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(rows) == 6 and len(rows[0]) == 12
    assert rows[0][:6] == [
        "Hạng",
        "Thứ tự",
        "Tên công khai",
        "Họ tên đầy đủ",
        "Trường hoặc phường, xã",
        "Điểm",
    ]
    bình = people["Bình"]
    attempt = Attempt.objects.get(user=bình.user)
    assert rows[1] == [
        1,
        1,
        "Lê T. B.",
        "Lê Thị Bình",
        bình.school.name,
        5,
        4,
        0,
        200,
        _local(attempt.submitted_at),
        bình.pk,
        attempt.pk,
    ]
    assert [row[3] for row in rows[1:]] == [
        "Lê Thị Bình",
        "Võ Thị Em",
        "Nguyễn Văn An",
        "Trần Minh Chi",
        "Phạm Văn Dũng",
    ]

    as_csv = client.get(url, {"format": "csv"})
    assert as_csv["Content-Disposition"].endswith('-v1.csv"')
    table = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert table[0] == [str(cell) for cell in rows[0]]
    assert table[1][:6] == ["1", "1", "Lê T. B.", "Lê Thị Bình", bình.school.name, "5.00"]
    assert table[1][10:] == [str(bình.pk), str(attempt.pk)]
    assert len(table) == 6

    assert client.get(url, {"format": "pdf"}).status_code == 400


def test_the_snapshot_page_says_when_the_rows_no_longer_give_the_checksum(
    client, judge, example, tamper
):
    round_, _people = example
    snapshot = finalising.finalise_round(round_=round_, by=judge, now=AFTER)
    tamper(
        "UPDATE quizzes_rankingrow SET score = 4 WHERE snapshot_id = %s AND position = 1",
        [snapshot.pk],
    )
    page = client.get(reverse("judge:snapshot", args=[snapshot.pk])).content.decode()
    assert 'id="verified" class="not-passed">các dòng dữ liệu KHÔNG khớp' in page


def _dashboard_queries(client, round_) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("judge:round", args=[round_.pk]))
    assert response.status_code == 200
    return len(captured)


def test_the_participants_table_costs_the_same_queries_for_10_or_40(client, judge, contest):
    round_ = five_question_round(contest)

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            scored_attempt(
                round_,
                enter(contest, f"Bạn số {n}"),
                score=n % 6,
                prediction=1,
                submitted="10:00",
                seconds=90,
            )

    add(10, 0)
    few = _dashboard_queries(client, round_)
    add(30, 10)
    many = _dashboard_queries(client, round_)
    assert many <= few


def test_before_the_first_figures_the_dashboard_says_they_are_being_computed(
    client, judge, example, monkeypatch
):
    from django.core.cache import cache

    from quizzes.contests import tasks

    cache.clear()

    class Worker:  # the figures wait for a separate worker
        enqueue = staticmethod(lambda round_id: None)

    monkeypatch.setattr(tasks, "refresh_live_figures", Worker)
    round_, _people = example
    response = client.get(reverse("judge:round", args=[round_.pk]))
    assert response.status_code == 200
    assert 'id="computing"' in response.content.decode()
