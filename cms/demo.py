"""Load the demo site content into Wagtail: the home pages' text, the curriculum, the Month of
Action, help and hotlines.

The words live in YAML files under `courses/content/demo/`, `cms/content/demo/` and
`quizzes/content/demo/`, read by each app's `demo_content.py`; this module only puts them in place.
Every page is written in Vietnamese first, then its English translation is made with Wagtail's own
`copy_for_translation`, so the two stay linked (same translation key) exactly as an editor's
translation would be. Pages are published through revisions, so editors can see and roll back what
the seed wrote.

Safe to repeat: a page is looked up by its slug under its parent (a page type allowed once per
parent, such as the help page, by its type), a translation by the source's translation key, an
image or document by its title, a hotline by its number in its locale (names get edited, numbers
do not) and a trusted address by its name in its area. Whatever exists is left alone, even if an
editor has changed it since.
"""

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from cms import demo_content as site
from cms.models import CampaignPage, HelpPage, HomePage, NewsPage, StandardPage
from cms.snippets import Hotline, TrustedAddress
from courses import demo_content as curriculum
from courses.pages import CurriculumIndexPage, LessonPage, ModulePage
from lms.accounts.models import Area
from quizzes import demo_content as knowledge_checks
from quizzes.models import Question, QuestionChoice
from quizzes.pages import Audience, QuizPage, QuizQuestion
from quizzes.scoring import Kind

SOURCE_LANGUAGE = "vi"
TRANSLATION_LANGUAGE = "en"
LANGUAGES = (SOURCE_LANGUAGE, TRANSLATION_LANGUAGE)
BANNER_SIZE = (1200, 630)

Text = Mapping[str, Any]


def seed_home_pages() -> int:
    """Write the home pages' campaign text once, as published revisions editors can roll back;
    returns how many pages were written.

    The two home pages come from migration cms/0002, already linked as translations; only their
    text is written here. A page whose body is not empty has been written (by us or an editor) and
    is left alone.
    """
    updated = 0
    for language in LANGUAGES:
        content = site.HOME_PAGE[language]
        page = HomePage.objects.filter(locale__language_code=language, slug=content["slug"]).first()
        if page is None or page.body:
            continue
        with transaction.atomic():
            page.intro = content["headline"]
            page.body = content["introduction"]
            page.save_revision().publish()
        updated += 1
    return updated


def seed_site_content(*, stdout: TextIO | None = None) -> dict[str, int]:
    """Build the demo pages and snippets under the existing home pages; returns what was created.

    Needs the home pages of migration cms/0002. Trusted addresses also need the wards of
    `lms.accounts.demo.seed_demo`; without them none are made and the reason is written to
    `stdout`. The counts are for the caller to print; `stdout` only gets such notices.
    """
    seeder = _Seeder(stdout=stdout)
    with transaction.atomic():
        seeder.run()
    return dict(seeder.counts)


class _Seeder:
    def __init__(self, *, stdout: TextIO | None) -> None:
        self.stdout = stdout
        self.counts: Counter[str] = Counter(
            {
                "pages": 0,
                "questions": 0,
                "images": 0,
                "documents": 0,
                "hotlines": 0,
                "trusted_addresses": 0,
            }
        )
        self.images: dict[str, int] = {}
        self.documents: dict[str, int] = {}

    def say(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line + "\n")

    def run(self) -> None:
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        home = HomePage.objects.filter(locale=locales[SOURCE_LANGUAGE]).order_by("path").first()
        if home is None:
            raise RuntimeError("No Vietnamese home page: run the migrations first.")
        if not home.has_translation(locales[TRANSLATION_LANGUAGE]):
            raise RuntimeError("The home page has no English translation: run the migrations.")
        self.locales = locales

        for key, spec in {**curriculum.IMAGES, **site.IMAGES}.items():
            self.images[key] = self.image(spec)
        for key, spec in curriculum.DOCUMENTS.items():
            self.documents[key] = self.document(spec)

        self.seed_curriculum(home)
        self.seed_campaign(home)
        self.seed_help_page(home)
        self.seed_about_page(home)
        self.seed_hotlines()
        self.seed_trusted_addresses()

    # --- Pages ----------------------------------------------------------------------------------

    def seed_curriculum(self, home: HomePage) -> None:
        content = curriculum.CURRICULUM
        index = self.page(home, CurriculumIndexPage, content, lambda text: {"intro": text["intro"]})
        for module in curriculum.MODULES:
            module_page = self.page(
                index,
                ModulePage,
                module,
                lambda text, module=module: {
                    "summary": text["summary"],
                    "learning_objectives": "\n".join(text["objectives"]),
                    "grade_min": module["grade_min"],
                    "grade_max": module["grade_max"],
                    "estimated_minutes": module["minutes"],
                    "is_core": module["is_core"],
                    "cover_image_id": self.images[module["cover"]],
                },
            )
            for lesson in module["lessons"]:
                self.page(
                    module_page,
                    LessonPage,
                    lesson,
                    lambda text, lesson=lesson: {
                        "summary": text["summary"],
                        "estimated_minutes": lesson["minutes"],
                        "body": self.stream(LessonPage, "body", text["body"]),
                    },
                )
            check = knowledge_checks.CHECKS.get(module[SOURCE_LANGUAGE]["slug"])
            if check is not None:
                self.seed_knowledge_check(module_page, check)
            family = knowledge_checks.FAMILY_QUIZZES.get(module[SOURCE_LANGUAGE]["slug"])
            if family is not None and module["is_core"]:
                self.seed_knowledge_check(module_page, family, for_families=True)

    def seed_knowledge_check(
        self, module_page: ModulePage, check: Mapping, *, for_families: bool = False
    ) -> None:
        """The module's quiz, its questions in each language (the bank keeps one per language).
        A quiz for families is answered once, through a pupil's invitation, without a timer."""
        questions = {
            language: [self.question(language, q[language]) for q in check["questions"]]
            for language in LANGUAGES
        }
        self.page(
            module_page,
            QuizPage,
            check,
            lambda text: {
                "pass_mark_percent": 60,
                "attempts_allowed": 1 if for_families else 0,
                "time_limit_minutes": None if for_families else 10,
                "audience": Audience.SIGNED_IN,
                "for_families": for_families,
                "shuffle_choices": not for_families,
                "fixed_questions": [
                    QuizQuestion(question=question, sort_order=order)
                    for order, question in enumerate(
                        questions[TRANSLATION_LANGUAGE if text is check["en"] else SOURCE_LANGUAGE]
                    )
                ],
            },
        )

    def question(self, language: str, spec: tuple) -> Question:
        stem, choices, explanation, *rest = spec
        accepted = rest[0] if rest else None
        number = rest[1] if len(rest) > 1 else None
        existing = Question.objects.filter(stem=f"<p>{stem}</p>", language=language).first()
        if existing is not None:
            return existing
        right = sum(1 for _text, correct, _feedback in choices if correct)
        if number is not None:
            kind = Kind.NUMERIC
        elif not choices:
            kind = Kind.SHORT_TEXT
        elif len(choices) == 2 and choices[0][0] in ("Đúng", "True"):
            kind = Kind.TRUE_FALSE
        else:
            kind = Kind.MULTIPLE if right > 1 else Kind.SINGLE
        question = Question(
            kind=kind,
            stem=f"<p>{stem}</p>",
            explanation=f"<p>{explanation}</p>",
            language=language,
            accepted_answers="\n".join(accepted or ()),
            numeric_answer=number,
            tolerance=0,
        )
        question.choices = [
            QuestionChoice(text=text, is_correct=correct, feedback=feedback, sort_order=order)
            for order, (text, correct, feedback) in enumerate(choices)
        ]
        question.save()
        question.save_revision()
        self.counts["questions"] += 1
        return question

    def seed_campaign(self, home: HomePage) -> None:
        campaign = site.CAMPAIGN
        campaign_page = self.page(
            home,
            CampaignPage,
            campaign,
            lambda text: {
                "theme": text["theme"],
                "intro": text["intro"],
                "start_date": campaign["start_date"],
                "end_date": campaign["end_date"],
                "cover_image_id": self.images[campaign["cover"]],
                "body": self.stream(CampaignPage, "body", text["body"]),
            },
        )
        for news in site.NEWS:
            self.page(
                campaign_page,
                NewsPage,
                news,
                lambda text, news=news: {
                    "date": news["date"],
                    "intro": text["intro"],
                    "cover_image_id": self.images[news["cover"]] if news.get("cover") else None,
                    "body": self.stream(NewsPage, "body", text["body"]),
                },
            )

    def seed_help_page(self, home: HomePage) -> None:
        self.page(
            home,
            HelpPage,
            site.HELP_PAGE,
            lambda text: {
                "intro": text["intro"],
                "body": self.stream(HelpPage, "body", text["body"]),
            },
        )

    def seed_about_page(self, home: HomePage) -> None:
        self.page(
            home,
            StandardPage,
            site.ABOUT_PAGE,
            lambda text: {
                "intro": text["intro"],
                "body": self.stream(StandardPage, "body", text["body"]),
            },
        )

    def page(self, parent: Page, model: type[Page], content: Text, fields) -> Page:
        """The Vietnamese page `content` under `parent` and its English translation.

        `fields(text)` gives the model's own fields for one language's `text`. Returns the
        Vietnamese page, which is where the next level hangs.
        """
        source_text = content[SOURCE_LANGUAGE]
        page = Page.objects.child_of(parent).filter(slug=source_text["slug"]).first()
        if page is None and model.max_count_per_parent == 1:
            # One per parent (curriculum, help page): an editor's page under another slug counts.
            page = model.objects.child_of(parent).first()
        if page is None:
            page = model(
                title=source_text["title"],
                slug=source_text["slug"],
                locale=parent.locale,
                **fields(source_text),
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.counts["pages"] += 1
        page = page.specific
        translation_locale = self.locales[TRANSLATION_LANGUAGE]
        if not page.has_translation(translation_locale):
            # Needs the parent's translation, which the level above has just made (or found).
            text = content[TRANSLATION_LANGUAGE]
            translation = page.copy_for_translation(translation_locale)
            translation.title = text["title"]
            translation.draft_title = text["title"]
            translation.slug = text["slug"]
            for name, value in fields(text).items():
                setattr(translation, name, value)
            translation.save_revision().publish()
            self.counts["pages"] += 1
        return page

    def stream(self, model: type[Page], field_name: str, blocks: Sequence[tuple]) -> list[dict]:
        """Stream data as JSON-ready dicts, validated and normalised like the page editor would.

        Blocks are written as `(type, value)`; images and documents are named by their key in the
        content module, and check-question answers as `(text, is_correct, feedback)`.
        """
        raw = [{"type": kind, "value": self.block_value(kind, value)} for kind, value in blocks]
        stream_block = model._meta.get_field(field_name).stream_block
        cleaned = stream_block.clean(stream_block.to_python(raw))
        return stream_block.get_prep_value(cleaned)

    def block_value(self, kind: str, value: Any) -> Any:
        if kind == "image":
            return {**value, "image": self.images[value["image"]]}
        if kind == "worksheet":
            return {**value, "document": self.documents[value["document"]]}
        if kind == "check_question":
            choices = [
                {"text": text, "is_correct": is_correct, "feedback": feedback}
                for text, is_correct, feedback in value["choices"]
            ]
            return {**value, "choices": choices}
        if kind == "scenario":
            return {**value, "questions": list(value["questions"])}
        return value

    # --- Images and documents -------------------------------------------------------------------

    def image(self, spec: Text) -> int:
        Image = get_image_model()
        existing = Image.objects.filter(title=spec["title"]).order_by("pk").first()
        if existing is not None:
            return existing.pk
        png = draw_banner(spec["motif"], spec["background"], spec["colours"], seed=spec["title"])
        image = Image(title=spec["title"], file=ImageFile(BytesIO(png), name=spec["filename"]))
        image._set_image_file_metadata()
        image.save()
        self.counts["images"] += 1
        return image.pk

    def document(self, spec: Text) -> int:
        Document = get_document_model()
        existing = Document.objects.filter(title=spec["title"]).order_by("pk").first()
        if existing is not None:
            return existing.pk
        document = Document(
            title=spec["title"],
            file=ContentFile(spec["text"].encode("utf-8"), name=spec["filename"]),
        )
        document._set_document_file_metadata()
        document.save()
        self.counts["documents"] += 1
        return document.pk

    # --- Snippets -------------------------------------------------------------------------------

    def seed_hotlines(self) -> None:
        source_locale = self.locales[SOURCE_LANGUAGE]
        translation_locale = self.locales[TRANSLATION_LANGUAGE]
        for spec in site.HOTLINES:
            shared = {
                "number": spec["number"],
                "is_free": spec["is_free"],
                "show_in_footer": spec["show_in_footer"],
                "sort_order": spec["sort_order"],
            }
            hotline = Hotline.objects.filter(locale=source_locale, number=spec["number"]).first()
            if hotline is None:
                hotline = Hotline.objects.create(
                    locale=source_locale, **shared, **_hotline_text(spec[SOURCE_LANGUAGE])
                )
                self.counts["hotlines"] += 1
            if not hotline.has_translation(translation_locale):
                translation = hotline.copy_for_translation(translation_locale)
                for name, value in _hotline_text(spec[TRANSLATION_LANGUAGE]).items():
                    setattr(translation, name, value)
                translation.save()
                self.counts["hotlines"] += 1

    def seed_trusted_addresses(self) -> None:
        city = Area.get_root_nodes().filter(name=site.CITY_NAME).first()
        wards = {area.name: area for area in city.get_children()} if city else {}
        missing = sorted({spec["area"] for spec in site.TRUSTED_ADDRESSES} - wards.keys())
        if missing:
            self.say(
                "Trusted addresses skipped: no area "
                + ", ".join(f"'{name}'" for name in missing)
                + f" under '{site.CITY_NAME}'. Run lms.accounts.demo.seed_demo first."
            )
            return
        for spec in site.TRUSTED_ADDRESSES:
            area = wards[spec["area"]]
            if TrustedAddress.objects.filter(area=area, name=spec["name"]).exists():
                continue
            TrustedAddress.objects.create(
                area=area, **{k: v for k, v in spec.items() if k != "area"}
            )
            self.counts["trusted_addresses"] += 1


def _hotline_text(text: Text) -> dict[str, str]:
    return {"name": text["name"], "description": text["description"], "hours": text["hours"]}


# --- Pictures: flat banners drawn with Pillow, no text, no network --------------------------------


def draw_banner(
    motif: str, background: str, colours: Sequence[str], *, seed: str, size=BANNER_SIZE
) -> bytes:
    """A PNG banner: one flat colour and a simple motif. The same spec always draws the same."""
    width, height = size
    picture = PILImage.new("RGB", size, background)
    pen = ImageDraw.Draw(picture)
    rng = random.Random(seed)
    MOTIFS[motif](pen, width, height, list(colours), rng)
    out = BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _circles(pen, width, height, colours, rng) -> None:
    """A row of round discs, big and small, overlapping a little: people side by side."""
    count = 7
    step = width // count
    for i in range(count):
        radius = (height // 5) if i % 2 else (height // 4)
        x, y = step // 2 + i * step, height // 2
        pen.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=colours[i % len(colours)]
        )


def _stripes(pen, width, height, colours, rng) -> None:
    """Diagonal bands of equal width: many tasks, shared out evenly."""
    band = 90
    for i, x in enumerate(range(-height, width + height, band)):
        if i % 2:
            continue
        pen.polygon(
            [(x, height), (x + band, height), (x + band + height, 0), (x + height, 0)],
            fill=colours[(i // 2) % len(colours)],
        )


def _triangles(pen, width, height, colours, rng) -> None:
    """A row of rising peaks: steps up toward leadership."""
    count = 5
    base = width // count
    for i in range(count):
        peak = height - (i + 1) * height // (count + 1)
        left = i * base
        pen.polygon(
            [(left, height), (left + base // 2, peak), (left + base, height)],
            fill=colours[i % len(colours)],
        )


def _shield(pen, width, height, colours, rng) -> None:
    """A shield between two rings: safety and the people around you."""
    cx, cy = width // 2, height // 2
    pen.ellipse((cx - 420, cy - 250, cx - 80, cy + 90), outline=colours[1], width=16)
    pen.ellipse((cx + 80, cy - 250, cx + 420, cy + 90), outline=colours[2 % len(colours)], width=16)
    pen.polygon(
        [
            (cx - 150, cy - 200),
            (cx + 150, cy - 200),
            (cx + 150, cy),
            (cx, cy + 210),
            (cx - 150, cy),
        ],
        fill=colours[0],
    )


def _dots(pen, width, height, colours, rng) -> None:
    """A loose grid of dots in several colours: a whole school, a whole city."""
    gap = 75
    for row, y in enumerate(range(gap // 2, height, gap)):
        for col, x in enumerate(range(gap // 2, width, gap)):
            radius = 10 + rng.randrange(16)
            pen.ellipse(
                (x - radius, y - radius, x + radius, y + radius),
                fill=colours[(row + col) % len(colours)],
            )


def _person(pen, x, y, tall, colour) -> None:
    head = tall // 6
    pen.ellipse((x - head, y - tall, x + head, y - tall + 2 * head), fill=colour)
    pen.rounded_rectangle(
        (x - int(head * 1.4), y - tall + int(2.3 * head), x + int(head * 1.4), y),
        radius=head // 2,
        fill=colour,
    )


def _house(pen, width, height, colours, rng) -> None:
    """A house with two people of the same height in front of it."""
    left, right, floor = width // 2 - 330, width // 2 + 330, height - 70
    pen.polygon([(left - 60, 290), (width // 2, 70), (right + 60, 290)], fill=colours[0])
    pen.rectangle((left, 290, right, floor), fill=colours[1])
    pen.rectangle((width // 2 - 60, floor - 170, width // 2 + 60, floor), fill=colours[0])
    _person(pen, left - 170, floor, 300, colours[2])
    _person(pen, right + 170, floor, 300, colours[3])


def _scale(pen, width, height, colours, rng) -> None:
    """A balance with both pans level."""
    cx = width // 2
    pen.polygon(
        [(cx - 120, height - 60), (cx + 120, height - 60), (cx, height - 150)], fill=colours[0]
    )
    pen.rectangle((cx - 12, 130, cx + 12, height - 120), fill=colours[0])
    pen.rectangle((cx - 380, 120, cx + 380, 144), fill=colours[0])
    pen.ellipse((cx - 34, 98, cx + 34, 166), fill=colours[1])
    for side in (-1, 1):
        x = cx + side * 360
        pen.line((x, 144, x - 110, 330), fill=colours[0], width=8)
        pen.line((x, 144, x + 110, 330), fill=colours[0], width=8)
        pen.chord((x - 150, 250, x + 150, 410), 0, 180, fill=colours[2 if side < 0 else 3])


def _phone(pen, width, height, colours, rng) -> None:
    """A phone and a speech bubble: you can call and be heard."""
    left, top = width // 2 - 330, 90
    pen.rounded_rectangle((left, top, left + 260, top + 460), radius=36, fill=colours[0])
    pen.rounded_rectangle((left + 24, top + 60, left + 236, top + 380), radius=12, fill=colours[1])
    pen.ellipse((left + 105, top + 398, left + 155, top + 448), fill=colours[1])
    bubble = (width // 2 + 10, 110, width // 2 + 420, 360)
    pen.rounded_rectangle(bubble, radius=60, fill=colours[2])
    tail = [(bubble[0] + 60, 340), (bubble[0] - 30, 430), (bubble[0] + 140, 350)]
    pen.polygon(tail, fill=colours[2])
    for i in range(3):
        x = bubble[0] + 120 + i * 85
        pen.ellipse((x - 22, 213, x + 22, 257), fill=colours[3])


MOTIFS = {
    "circles": _circles,
    "stripes": _stripes,
    "triangles": _triangles,
    "shield": _shield,
    "dots": _dots,
    "house": _house,
    "scale": _scale,
    "phone": _phone,
}
