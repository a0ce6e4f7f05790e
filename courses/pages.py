"""The curriculum as a page tree: curriculum → module (chủ đề) → lesson (bài học)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LESSON_BLOCKS, for_audience
from lms.core.live_pages import KeptViewRestrictions
from lms.core.search import folded, stream_text

# A module's quiz that is not a knowledge check: one for families, which a pupil sends home
# (the quiz engine's `QuizPage.for_families`). A filter on pages, named by lookup: courses lies
# below the quiz engine and never imports it. Whoever collects a module's checks excludes it.
FAMILY_QUIZ = Q(quizpage__for_families=True)


class CurriculumIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.ModulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("curriculum")

    def get_context(self, request, *args, **kwargs):
        # The selectors query these pages: a cycle of Wagtail's making (a page is a model that
        # serves itself), so they are imported when a page is served.
        from courses.selectors import module_progress

        context = super().get_context(request, *args, **kwargs)
        modules = list(
            ModulePage.objects.child_of(self).live().select_related("cover_image").order_by("path")
        )
        context["modules"] = modules
        context["progress"] = module_progress(user=request.user, modules=modules)
        return context


class ModulePage(KeptViewRestrictions, Page):
    summary = models.TextField(_("summary"), max_length=500)
    grade_min = models.PositiveSmallIntegerField(_("from grade"), default=6)
    grade_max = models.PositiveSmallIntegerField(_("to grade"), default=12)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=45)
    learning_objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    is_core = models.BooleanField(
        _("core module"),
        default=False,
        help_text=_("Core modules count toward the 80% knowledge target."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("grade_min"),
                FieldPanel("grade_max"),
                FieldPanel("estimated_minutes"),
                FieldPanel("is_core"),
            ],
            heading=_("For whom"),
        ),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("folded_text"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("grade_min"),
        APIField("grade_max"),
        APIField("estimated_minutes"),
        APIField("is_core"),
        APIField("learning_objectives"),
    ]
    parent_page_types = ["courses.CurriculumIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        if self.grade_min > self.grade_max:
            raise ValidationError({"grade_max": _("The last grade must not be before the first.")})

    @property
    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def folded_text(self) -> str:
        return folded(" ".join([self.title, self.summary, self.learning_objectives]))

    def get_context(self, request, *args, **kwargs):
        # The selectors query these pages: a cycle of Wagtail's making (a page is a model that
        # serves itself), so they are imported when a page is served.
        from courses.selectors import lesson_states, module_progress, next_step

        context = super().get_context(request, *args, **kwargs)
        lessons = list(self.lessons())
        context["lessons"] = lessons
        # Knowledge checks are the non-lesson children (quiz pages) but the one for families, which
        # the pupil sends home once the module is done; no import of the quiz app.
        children = list(
            Page.objects.child_of(self)
            .live()
            .not_type(LessonPage)
            .annotate(for_families=Coalesce(F("quizpage__for_families"), Value(False)))
            .order_by("path")
        )
        context["quizzes"] = [child for child in children if not child.for_families]
        context["has_family_quiz"] = any(child.for_families for child in children)
        context["lesson_states"] = lesson_states(user=request.user, lessons=lessons)
        context["next_step"] = next_step(lessons=lessons, states=context["lesson_states"])
        context["progress"] = module_progress(user=request.user, modules=[self]).get(self.pk)
        return context


class LessonPage(KeptViewRestrictions, Page):
    summary = models.TextField(_("summary"), max_length=500)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    body = StreamField(LESSON_BLOCKS, verbose_name=_("lesson"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("folded_text"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("estimated_minutes"),
        # The public read API serves the student's version: teacher notes removed.
        APIField("student_body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def module(self) -> ModulePage:
        return ModulePage.objects.get(path=self.path[: -self.steplen])

    def student_body(self) -> list[dict]:
        return [
            {"type": block.block_type, "value": block.block.get_api_representation(block.value)}
            for block in for_audience(self.body, teacher=False)
        ]

    def folded_text(self) -> str:
        student_blocks = for_audience(self.body, teacher=False)
        return folded(" ".join([self.title, self.summary, stream_text(student_blocks)]))

    def get_context(self, request, *args, **kwargs):
        # The selectors query these pages: a cycle of Wagtail's making (a page is a model that
        # serves itself), so they are imported when a page is served.
        from courses.selectors import lesson_states

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        teacher = bool(user.is_authenticated and user.sees_teacher_notes)
        context["blocks"] = for_audience(self.body, teacher=teacher)
        # The module and the live pages beside this one, in one query. The counter and the
        # previous/next links go through the lessons only, so that they agree with the module's
        # own count (`ModulePage.lessons`); its knowledge check (a quiz page) follows the last.
        parent_path = self.path[: -self.steplen]
        family = list(
            Page.objects.filter(
                Q(path=parent_path) | Q(path__startswith=parent_path, depth=self.depth, live=True)
            )
            .exclude(FAMILY_QUIZ)
            .order_by("path")
        )
        module = family[0] if family and family[0].path == parent_path else None
        context["module"] = module
        lesson_type = ContentType.objects.get_for_model(LessonPage).pk
        siblings = [p for p in family[1:] if p.content_type_id == lesson_type] if module else []
        index_of = next((i for i, p in enumerate(siblings) if p.pk == self.pk), None)
        if index_of is not None:
            context["previous_lesson"] = siblings[index_of - 1] if index_of > 0 else None
            context["next_lesson"] = (
                siblings[index_of + 1] if index_of + 1 < len(siblings) else None
            )
            context["position"] = (index_of + 1, len(siblings))
            checks = [p for p in family[1:] if p.content_type_id != lesson_type]
            context["knowledge_check"] = checks[0] if checks else None
        progress = getattr(request, "lesson_progress", None)
        context["state"] = progress or lesson_states(user=user, lessons=[self]).get(self.pk)
        return context

    def serve(self, request, *args, **kwargs):
        # The services write progress on these pages: the same cycle as the selectors'.
        from courses import services

        # A phone saving the lesson for later (`Purpose: prefetch`) has not read it yet.
        prefetch = "prefetch" in request.headers.get("Purpose", "")
        if (
            request.user.is_authenticated
            and not prefetch
            and not getattr(request, "is_preview", False)
        ):
            request.lesson_progress = services.record_lesson_progress(
                user=request.user, lesson=self, now=timezone.now()
            )
        return super().serve(request, *args, **kwargs)
