"""The judges' flags: one group per shared device or address (collapsed, with its count and its
participants), bounded by pages, and two explicit decisions on each, none chosen in advance:
"checked, valid" (audited, the flag closes) and "disqualify" (audited, the participants ticked)."""

import re

import pytest
from django.urls import reverse

from quizzes.contests import entries, errors, judge, live, selectors
from quizzes.contests import pages as contest_pages
from quizzes.contests.models import ContestEntry, JudgeDecision
from quizzes.models import Attempt
from tests.factories import AFTER, enter, five_question_round, scored_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge_user(client, judge):
    """The contest's judge (conftest's `judge`), signed in."""
    client.force_login(judge)
    return judge


def shared_address(round_, contest, address: str, people: int, first: int = 0) -> list[Attempt]:
    """`people` participants who took the round from one network address (a school's Wi-Fi)."""
    found = []
    for n in range(first, first + people):
        attempt = scored_attempt(
            round_, enter(contest, f"Bạn {n}"), score=3, prediction=1, submitted="10:00", seconds=90
        )
        found.append(attempt)
    Attempt.objects.filter(pk__in=[a.pk for a in found]).update(
        origin_address=contest_pages.origin_hash(address)
    )
    return found


def round_page(client, round_, **query) -> str:
    return client.get(reverse("judge:round", args=[round_.pk]), query).content.decode()


def test_a_shared_address_is_one_collapsed_group_with_its_count_and_participants(
    client, judge_user, contest
):
    round_ = five_question_round(contest)
    attempts = shared_address(round_, contest, "10.0.0.1", 4)
    html = round_page(client, round_)
    groups = re.findall(r'<details class="flag flag-address"[^>]*>', html)
    assert len(groups) == 1 and " open" not in groups[0]  # collapsed by default
    group = html.split('<details class="flag flag-address"')[1].split("</details>")[0]
    assert "<summary>4 " in group  # the count, in the summary
    for n, attempt in enumerate(attempts):
        assert f"Bạn {n}" in group and reverse("judge:attempt", args=[attempt.pk]) in group
    # Flags wait for a decision: no refresh every 30 seconds to lose a reason being written.
    assert 'http-equiv="refresh"' not in html and 'id="computed-at"' in html


def test_no_decision_is_chosen_in_advance(client, judge_user, contest):
    round_ = five_question_round(contest)
    attempt = shared_address(round_, contest, "10.0.0.1", 3)[0]
    html = round_page(client, round_)
    form = html.split('<details class="flag flag-address"')[1].split("</details>")[0]
    assert 'name="action" value="valid"' in form and 'name="action" value="disqualify"' in form
    assert "checked" not in form and 'type="radio"' not in form
    audit = client.get(reverse("judge:attempt", args=[attempt.pk])).content.decode()
    decide_form = audit.split('id="decide-form"')[1].split("</form>")[0]
    assert 'type="radio"' in decide_form and "checked" not in decide_form


def test_checked_and_valid_is_audited_and_closes_the_flag(client, judge_user, contest):
    round_ = five_question_round(contest)
    shared_address(round_, contest, "10.0.0.1", 3)
    (flag,) = [f for f in live.dashboard(round_, now=AFTER).flags if f.kind == "address"]
    response = client.post(
        reverse("judge:flag-decide", args=[round_.pk]),
        {"flag": flag.key, "action": "valid", "reason": "Wi-Fi của trường"},
    )
    assert response.status_code == 302
    decision = JudgeDecision.objects.get()
    assert (decision.action, decision.flag, decision.round_id) == ("valid", flag.key, round_.pk)
    assert (decision.decided_by, decision.reason) == (judge_user, "Wi-Fi của trường")
    assert not ContestEntry.objects.filter(disqualified_at__isnull=False).exists()
    html = round_page(client, round_)
    assert 'class="flag flag-address"' not in html and 'id="flags-decided"' in html
    contest_html = client.get(reverse("judge:contest", args=[contest.pk])).content.decode()
    assert "Wi-Fi của trường" in contest_html  # in the audit trail on the contest's page
    again = client.post(
        reverse("judge:flag-decide", args=[round_.pk]),
        {"flag": flag.key, "action": "valid", "reason": ""},
    )
    assert again.status_code == 302 and JudgeDecision.objects.count() == 1


def test_disqualifying_from_a_flag_needs_ticked_participants_and_a_reason(
    client, judge_user, contest
):
    round_ = five_question_round(contest)
    attempts = shared_address(round_, contest, "10.0.0.1", 3)
    (flag,) = [f for f in live.dashboard(round_, now=AFTER).flags if f.kind == "address"]
    url = reverse("judge:flag-decide", args=[round_.pk])
    chosen = ContestEntry.objects.get(contest=contest, user=attempts[0].user)
    client.post(url, {"flag": flag.key, "action": "disqualify", "reason": "Gian lận"})
    client.post(url, {"flag": flag.key, "action": "disqualify", "entries": [chosen.pk]})
    assert not JudgeDecision.objects.exists()
    client.post(
        url, {"flag": flag.key, "action": "disqualify", "entries": [chosen.pk], "reason": "Gian"}
    )
    decision = JudgeDecision.objects.get()
    assert (decision.entry, decision.action, decision.flag) == (chosen, "disqualify", flag.key)
    chosen.refresh_from_db()
    assert chosen.is_disqualified
    assert ContestEntry.objects.filter(disqualified_at__isnull=False).count() == 1


def test_a_flag_key_the_round_does_not_have_is_refused(judge_user, contest):
    round_ = five_question_round(contest)
    shared_address(round_, contest, "10.0.0.1", 3)
    for key in ("address:0000000000000000", "quick:abc", "nothing:1", "address:"):
        with pytest.raises(errors.UnknownFlag):
            entries.mark_flag_valid(round_=round_, flag=key, reason="", by=judge_user, now=AFTER)
    assert not JudgeDecision.objects.exists()


def test_checked_and_valid_through_the_one_decision_door_needs_the_flags_round(judge_user, contest):
    round_ = five_question_round(contest)
    (attempt, *_others) = shared_address(round_, contest, "10.0.0.1", 3)
    entry = ContestEntry.objects.get(contest=contest, user=attempt.user)
    (flag,) = [f for f in live.dashboard(round_, now=AFTER).flags if f.kind == "address"]
    said = {"entry": entry, "action": "valid", "reason": "", "by": judge_user, "now": AFTER}
    with pytest.raises(errors.UnknownFlag):
        entries.decide(**said, flag=flag.key)  # no round named
    decision = entries.decide(**said, round_=round_, flag=flag.key)
    assert (decision.action, decision.entry, decision.flag) == ("valid", entry, flag.key)
    entry.refresh_from_db()
    assert not entry.is_disqualified


def test_open_flags_are_bounded_by_pages_with_a_link_to_more(
    client, judge_user, contest, monkeypatch
):
    monkeypatch.setattr(judge, "FLAGS_PER_PAGE", 2)
    round_ = five_question_round(contest)
    for n in range(5):
        shared_address(round_, contest, f"10.0.0.{n}", 3, first=10 * n)
    first = round_page(client, round_)
    assert first.count('<details class="flag flag-address"') == 2
    assert 'id="more-flags"' in first and "?flags=2" in first
    last = round_page(client, round_, flags=3)
    assert last.count('<details class="flag flag-address"') == 1
    assert 'id="more-flags"' not in last


def test_open_flags_read_the_decisions_in_one_query(judge_user, contest, django_assert_num_queries):
    round_ = five_question_round(contest)
    for n in range(3):
        shared_address(round_, contest, f"10.0.0.{n}", 3, first=10 * n)
    found = live.dashboard(round_, now=AFTER).flags
    entries.mark_flag_valid(round_=round_, flag=found[0].key, reason="", by=judge_user, now=AFTER)
    with django_assert_num_queries(1):
        still_open = selectors.open_flags(round_, found)
    assert [f.key for f in still_open] == [f.key for f in found[1:]]
