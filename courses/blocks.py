"""The blocks a lesson is written with. Teacher notes are a block too, so they sit beside the text
they comment on; `for_audience` drops them from what a student receives (page and API)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
TEACHER_ONLY_BLOCKS = frozenset({"teacher_notes"})


class AccessibleImageBlock(blocks.StructBlock):
    """An image may not be published without a text alternative."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        max_length=250,
        help_text=_("What the image shows, for screen readers and slow connections."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                {"alt_text": ValidationError(_("Describe the image for people who cannot see it."))}
            )
        return value


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=RICH_FEATURES,
        help_text=_("Required: for deaf pupils and for phones that cannot play video."),
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "courses/blocks/video.html"


class KeyFactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Key fact")
        template = "courses/blocks/key_fact.html"


class ScenarioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=RICH_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=300),
        label=_("Questions to discuss"),
        min_num=1,
    )

    class Meta:
        icon = "group"
        label = _("Scenario to discuss")
        template = "courses/blocks/scenario.html"


class MythOrFactBlock(blocks.StructBlock):
    statement = blocks.CharBlock(label=_("Statement"), max_length=300)
    verdict = blocks.ChoiceBlock(
        label=_("Verdict"), choices=[("myth", _("Myth")), ("fact", _("Fact"))]
    )
    explanation = blocks.RichTextBlock(label=_("Explanation"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Myth or fact")
        template = "courses/blocks/myth_or_fact.html"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), max_length=400)


class CheckQuestionBlock(blocks.StructBlock):
    """A practice question with instant feedback. Not scored, so its key may reach the page."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2, max_num=6)

    class Meta:
        icon = "tick"
        label = _("Check your understanding")
        template = "courses/blocks/check_question.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["is_correct"] for choice in value["choices"]):
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one answer as correct."))}
            )
        return value


class WorksheetBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    document = DocumentChooserBlock(label=_("File"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Worksheet")
        template = "courses/blocks/worksheet.html"


class TeacherNotesBlock(blocks.StructBlock):
    notes = blocks.RichTextBlock(label=_("Notes"), features=RICH_FEATURES)

    class Meta:
        icon = "user"
        label = _("Teacher notes (never shown to students)")
        template = "courses/blocks/teacher_notes.html"


def paragraph_block() -> blocks.RichTextBlock:
    return blocks.RichTextBlock(
        label=_("Text"), features=RICH_FEATURES, template="courses/blocks/paragraph.html"
    )


LESSON_BLOCKS = [
    ("paragraph", paragraph_block()),
    ("image", AccessibleImageBlock()),
    ("video", VideoBlock()),
    ("key_fact", KeyFactBlock()),
    ("scenario", ScenarioBlock()),
    ("myth_or_fact", MythOrFactBlock()),
    ("check_question", CheckQuestionBlock()),
    ("worksheet", WorksheetBlock()),
    ("teacher_notes", TeacherNotesBlock()),
]

# Pages around the curriculum use the same building blocks, minus the classroom ones.
ARTICLE_BLOCKS = [
    ("paragraph", paragraph_block()),
    ("image", AccessibleImageBlock()),
    ("video", VideoBlock()),
    ("key_fact", KeyFactBlock()),
]


def for_audience(stream, *, teacher: bool) -> list:
    """The blocks a reader may receive: teachers get everything, everyone else no teacher notes."""
    return [block for block in stream if teacher or block.block_type not in TEACHER_ONLY_BLOCKS]
