"""Demo contest of the Month of Action: weekly rounds (Monday 10:00 to the next Monday 09:00,
Vietnam time), five questions each and a prediction question, as Vietnamese online contests run.

The first round has closed: demo pupils took it, the demo judge finalised and published its
ranking. The second is open now, with a provisional ranking. Written in Vietnamese only: contests
are run in the city's language (the English site shows the campaign without it).
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from lms.accounts.models import Role, User
from lms.core.errors import DomainError
from quizzes import services
from quizzes.contests import entries, finalising
from quizzes.contests.pages import ContestPage, ContestRound
from quizzes.models import Question, QuestionChoice
from quizzes.pages import QuizQuestion
from quizzes.scoring import Kind

SLUG = "cuoc-thi-tim-hieu-binh-dang-gioi"
PARTICIPANTS = 48  # demo pupils who take part (the demo login "hocsinh" is left to sign up)

RULES = (
    "<p>Cuộc thi dành cho học sinh và mọi người dân thành phố Cần Thơ, nhân Tháng hành động vì "
    "bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới (15/11 – 15/12).</p>"
    "<ul><li>Mỗi tuần một vòng thi, mở từ 10 giờ sáng thứ Hai đến 9 giờ sáng thứ Hai tuần sau.</li>"
    "<li>Mỗi vòng có 5 câu hỏi trắc nghiệm. Bạn được thi nhiều lần; lần có kết quả tốt nhất "
    "được tính.</li>"
    "<li>Câu hỏi dự đoán: đoán xem có bao nhiêu người trả lời đúng cả 5 câu. Khi bằng điểm, "
    "người dự đoán gần đúng hơn xếp trên; nếu vẫn bằng nhau, người nộp bài sớm hơn xếp trên.</li>"
    "<li>Bảng xếp hạng công khai chỉ ghi tên viết tắt và trường hoặc phường, để bảo vệ các "
    "em học sinh.</li></ul>"
    "<p>Cần hỗ trợ về bạo lực trên cơ sở giới, hãy gọi miễn phí 1800 8065.</p>"
)

PREDICTION = "Theo bạn, tuần này sẽ có bao nhiêu người trả lời đúng cả 5 câu hỏi?"

# (stem, [(choice, is_correct)], explanation): written by us, on the curriculum's themes.
ROUNDS = [
    [
        (
            "Tháng hành động vì bình đẳng giới hằng năm diễn ra trong khoảng thời gian nào?",
            [("Từ 15/11 đến 15/12", True), ("Từ 1/6 đến 30/6", False), ("Cả tháng 3", False)],
            "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở "
            "giới diễn ra từ ngày 15/11 đến ngày 15/12 hằng năm.",
        ),
        (
            "Thành phố Cần Thơ phấn đấu bao nhiêu phần trăm dân số được tiếp cận kiến thức cơ "
            "bản về bình đẳng giới?",
            [("50%", False), ("80%", True), ("100% ngay trong năm nay", False)],
            "Kế hoạch của thành phố đặt mục tiêu 80% dân số được tiếp cận kiến thức cơ bản về "
            "bình đẳng giới.",
        ),
        (
            "Khi bạn hoặc người quen gặp bạo lực trên cơ sở giới, số điện thoại miễn phí nào ở "
            "Cần Thơ có thể hỗ trợ?",
            [("1800 8065", True), ("113", False), ("1080", False)],
            "Số 1800 8065 của Trung tâm Công tác xã hội thành phố hỗ trợ phòng ngừa và ứng phó "
            "với bạo lực trên cơ sở giới.",
        ),
        (
            "Trong gia đình, việc nhà nên được chia như thế nào?",
            [
                ("Mọi thành viên cùng chia sẻ, theo sức của mỗi người", True),
                ("Chỉ mẹ và chị em gái làm", False),
                ("Ai là con trai thì không phải làm", False),
            ],
            "Việc nhà là trách nhiệm chung. Chia sẻ việc nhà giúp con trai và con gái có thời "
            "gian học tập, nghỉ ngơi như nhau.",
        ),
        (
            "Câu nào nói đúng về bình đẳng giới trong học tập?",
            [
                ("Con gái và con trai có cơ hội học mọi môn như nhau", True),
                ("Con gái không hợp với môn Toán và Tin học", False),
                ("Chỉ con trai mới nên làm lớp trưởng", False),
            ],
            "Năng lực không phụ thuộc vào giới. Mỗi bạn đều có quyền chọn môn học và nghề "
            "nghiệp theo sở thích và khả năng của mình.",
        ),
    ],
    [
        (
            "Bạo lực trên cơ sở giới có thể là những hành vi nào?",
            [
                ("Chỉ có đánh đập", False),
                ("Đánh đập, lăng mạ, kiểm soát, ép buộc hay xâm hại", True),
                ("Chỉ những gì xảy ra ngoài đường", False),
            ],
            "Bạo lực trên cơ sở giới gồm cả bạo lực thể chất, tinh thần, kinh tế và tình dục, "
            "có thể xảy ra ở nhà, ở trường hay trên mạng.",
        ),
        (
            "Một bạn bị trêu chọc vì “con trai mà khóc”. Em nên làm gì?",
            [
                ("Cùng các bạn trêu thêm", False),
                ("Lên tiếng bảo vệ bạn và báo thầy cô nếu việc trêu chọc lặp lại", True),
                ("Im lặng vì đó không phải việc của mình", False),
            ],
            "Ai cũng có cảm xúc. Lên tiếng đúng lúc giúp lớp học an toàn cho mọi người.",
        ),
        (
            "Khi thấy tin nhắn xúc phạm một bạn nữ trên mạng xã hội, cách làm nào an toàn?",
            [
                ("Chụp màn hình, không chia sẻ tiếp và báo người lớn tin cậy", True),
                ("Chia sẻ cho cả lớp cùng xem", False),
                ("Trả lời bằng lời lẽ còn nặng hơn", False),
            ],
            "Giữ bằng chứng, không lan truyền và tìm người lớn tin cậy là cách bảo vệ bạn mình.",
        ),
        (
            "Nghề nào chỉ dành cho một giới?",
            [
                ("Điều dưỡng chỉ dành cho nữ", False),
                ("Kỹ sư chỉ dành cho nam", False),
                ("Không có nghề nào chỉ dành cho một giới", True),
            ],
            "Nam và nữ đều có thể làm mọi nghề phù hợp với năng lực và mong muốn của mình.",
        ),
        (
            "Luật Bình đẳng giới của Việt Nam được Quốc hội thông qua năm nào?",
            [("2006", True), ("1996", False), ("2016", False)],
            "Luật Bình đẳng giới được thông qua năm 2006 và có hiệu lực từ ngày 1/7/2007.",
        ),
    ],
]


def _monday_10(day) -> datetime:
    """10:00 Vietnam time on the Monday of `day`'s week."""
    monday = day - timedelta(days=day.weekday())
    return timezone.make_aware(datetime.combine(monday, time(10, 0)))


def _question(stem: str, choices, explanation: str) -> Question:
    existing = Question.objects.filter(stem=f"<p>{stem}</p>", language="vi").first()
    if existing is not None:
        return existing
    question = Question(
        kind=Kind.SINGLE,
        stem=f"<p>{stem}</p>",
        explanation=f"<p>{explanation}</p>",
        language="vi",
    )
    question.choices = [
        QuestionChoice(text=text, is_correct=right, sort_order=order)
        for order, (text, right) in enumerate(choices)
    ]
    question.save()
    question.tags.add("cuoc-thi-2026")
    question.save_revision()
    return question


@transaction.atomic
def seed_contest(*, now: datetime | None = None) -> int:
    """Idempotent: returns how many participants the demo contest has."""
    now = now or timezone.now()
    locale = Locale.get_default()
    existing = ContestPage.objects.filter(slug=SLUG, locale=locale).first()
    if existing is not None:
        return existing.entries.count()
    judge = User.objects.filter(username="giamkhao").first()
    # The deepest page a contest may stand under: the campaign, else the home page.
    parent = (
        Page.objects.type(*ContestPage.allowed_parent_page_models())
        .filter(locale=locale)
        .order_by("-depth", "path")
        .first()
    )
    if judge is None or parent is None:
        return 0
    contest = ContestPage(
        title="Cuộc thi trực tuyến “Tìm hiểu về bình đẳng giới” năm 2026",
        slug=SLUG,
        organiser="Ban tổ chức Tháng hành động vì bình đẳng giới thành phố Cần Thơ",
        rules=RULES,
        award_places=3,
    )
    parent.add_child(instance=contest)
    contest.judges.set([judge])
    contest.save_revision().publish()

    this_week = _monday_10(timezone.localdate(now))
    if this_week > now:
        this_week -= timedelta(days=7)
    windows = [
        (this_week - timedelta(days=7), this_week - timedelta(hours=1)),
        (this_week, this_week + timedelta(days=7, hours=-1)),
    ]
    rounds = []
    for number, (questions, (opens, closes)) in enumerate(zip(ROUNDS, windows, strict=True), 1):
        round_ = ContestRound(
            title=f"Tuần {timezone.localtime(opens):%d/%m} – {timezone.localtime(closes):%d/%m}",
            slug=f"vong-{number}",
            number=number,
            opens_at=opens,
            closes_at=closes,
            time_limit_minutes=10,
            attempts_allowed=0,
            pass_mark_percent=60,
            review_when="after_close",
            prediction_question=PREDICTION,
        )
        contest.add_child(instance=round_)
        for order, spec in enumerate(questions):
            QuizQuestion.objects.create(quiz=round_, question=_question(*spec), sort_order=order)
        round_.save_revision().publish()
        rounds.append(contest.get_children().specific().get(pk=round_.pk))

    pupils = list(
        User.objects.filter(groups__name=Role.STUDENT, school__isnull=False)
        .exclude(username="hocsinh")
        .order_by("pk")[:PARTICIPANTS]
    )
    rng = random.Random(15_11)
    for pupil in pupils:
        entries.sign_up(contest=contest, user=pupil, now=windows[0][0] - timedelta(days=1))
    for round_, (opens, closes) in zip(rounds, windows, strict=True):
        latest = min(closes, now) - opens
        for pupil in pupils:
            if rng.random() < 0.25:
                continue
            for _ in range(rng.choice((1, 1, 2, 3))):
                start = _by_day(opens, opens + latest - timedelta(minutes=15), rng)
                _take(round_, pupil, start, rng)
    first = finalising.finalise_round(round_=rounds[0], by=judge, now=now)
    finalising.publish(snapshot=first, by=judge, now=now)
    return len(pupils)


def _by_day(first: datetime, last: datetime, rng: random.Random) -> datetime:
    """A moment between `first` and `last` when pupils are awake (07:00–22:00, Vietnam time)."""
    for _ in range(20):
        moment = first + timedelta(seconds=rng.uniform(0, (last - first).total_seconds()))
        if 7 <= timezone.localtime(moment).hour < 22:
            break
    return moment


def _take(round_: ContestRound, pupil: User, start: datetime, rng: random.Random) -> None:
    """One attempt as a pupil would make it: some right answers, a prediction, a submit."""
    try:
        attempt = services.start_attempt(
            quiz=round_, user=pupil, now=start, address=f"10.0.{pupil.school_id}.1", device=""
        )
    except DomainError:  # e.g. a window that a pupil's random time missed
        return
    skill = rng.uniform(0.5, 0.98)
    for entry in attempt.paper:
        key = set(entry["key"]["correct_choice_ids"])
        ids = [choice["id"] for choice in entry["choices"]]
        right = rng.random() < skill
        choice = next(c for c in ids if (c in key) == right)
        services.save_answer(
            attempt_id=attempt.pk,
            user=pupil,
            slot=entry["slot"],
            value=choice,
            sequence=1,
            now=start + timedelta(seconds=20 * entry["slot"]),
        )
    seconds = rng.randint(60, 540)
    services.submit_attempt(
        attempt_id=attempt.pk,
        now=start + timedelta(seconds=seconds),
        prediction=max(0, int(rng.gauss(PARTICIPANTS / 3, 6))),
    )
