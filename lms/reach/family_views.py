"""The family path's pages: the pupil's (their core modules, then one module's link and QR code)
and the family's (the quiz at the invitation's address, on a phone, without an account)."""

from uuid import UUID

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lms.accounts.models import AgeBand, Area, Role, Sex
from lms.accounts.permissions import role_required
from lms.core.errors import DomainError
from lms.core.qr import qr_svg
from lms.core.security import client_ip
from lms.reach import family
from lms.reach.models import FamilyEntry
from quizzes.paper_html import questions_html

# Grown-ups of the family answer: a child under 15 is asked by the pupil's lessons, not here.
AGE_BANDS = [(band.value, band.label) for band in AgeBand if band != AgeBand.CHILDREN]


class FamilyAnswerForm(forms.Form):
    """Who answered, as little as counting needs: a ward, an age band and a sex, no name. The
    answers to the questions are read beside it (`family.answers_posted`)."""

    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward or commune where you live"),
        queryset=Area.objects.filter(numchild=0, depth__gte=2).order_by("name"),
        empty_label=gettext_lazy("— choose —"),
        error_messages={"required": gettext_lazy("Choose the ward or commune where you live.")},
    )
    age_band = forms.ChoiceField(
        label=gettext_lazy("Your age"),
        choices=AGE_BANDS,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose your age group.")},
    )
    sex = forms.ChoiceField(
        label=gettext_lazy("You are"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose one answer.")},
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that Học Bình Đẳng keeps my ward, age group, sex and answers, without my "
            "name, to count the families the programme reached."
        ),
        error_messages={
            "required": gettext_lazy("Tick the box to agree, or your answers cannot be counted.")
        },
    )

    def full_clean(self):
        """A field in error points to its message (a group of choices does so on its fieldset,
        in the template)."""
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is not None and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"


# The pupil's pages ----------------------------------------------------------------------------


def _pupil_only(request: HttpRequest) -> None:
    if not family.is_pupil(request.user):
        raise Http404(_("Family quizzes are sent by pupils of a school."))


@role_required(Role.STUDENT)
def family_home(request: HttpRequest) -> HttpResponse:
    """The pupil's core modules with a family quiz: which can be sent, which the family answered."""
    _pupil_only(request)
    return render(
        request, "reach/family_home.html", {"items": family.modules_for_family(request.user)}
    )


@never_cache
@role_required(Role.STUDENT)
def family_invite(request: HttpRequest, module_key: UUID) -> HttpResponse:
    """One module's family quiz for this pupil: after the module is finished, the link and its
    QR code (the invitation is made the first time), then whether the family took part."""
    _pupil_only(request)
    module = family.core_module(module_key)
    quiz = family.family_quiz(module) if module is not None else None
    if quiz is None:
        raise Http404(_("This module has no family quiz."))
    context = {"module": module, "quiz": quiz}
    if not family.module_finished(request.user, module):
        return render(request, "reach/family_invite.html", context | {"finished": False})
    invite = family.invite_for(pupil=request.user, module=module)
    link = request.build_absolute_uri(reverse("family-quiz", args=[invite.token]))
    return render(
        request,
        "reach/family_invite.html",
        context
        | {
            "finished": True,
            "invite": invite,
            "answered": hasattr(invite, "entry"),
            "link": link,
            "qr_svg": qr_svg(link, title=_("QR code of the family quiz link")),
        },
    )


# The family's page ----------------------------------------------------------------------------


def _invite_and_quiz(token: str):
    invite = family.invite_of_token(token)
    module = family.core_module(invite.module_key) if invite is not None else None
    quiz = family.family_quiz(module) if module is not None else None
    if quiz is None:
        raise Http404(_("This family quiz link is not valid. Ask the pupil to show it again."))
    return invite, quiz


@never_cache
@require_http_methods(["GET", "POST"])
def family_quiz(request: HttpRequest, token: str) -> HttpResponse:
    """The family quiz at its invitation's address: the questions without their key, who answers
    (ward, age group, sex) and the consent; scored on the server, once per invitation."""
    invite, quiz = _invite_and_quiz(token)
    entry = getattr(invite, "entry", None)  # read with the invitation
    if entry is not None:
        status = 409 if request.method == "POST" else 200
        return _done(request, quiz, entry, repeated=request.method == "POST", status=status)
    paper = family.paper_of(quiz)
    questions = family.questions_of(paper)
    answers: dict[int, object] = {}
    form = FamilyAnswerForm(request.POST if request.method == "POST" else None)
    status, retry_after = 200, None
    if request.method == "POST":
        answers = family.answers_posted(paper, request.POST)
        if form.is_valid():
            try:
                family.submit_family_answers(
                    invite=invite,
                    quiz=quiz,
                    paper=paper,
                    answers=answers,
                    ward=form.cleaned_data["ward"],
                    age_band=form.cleaned_data["age_band"],
                    sex=form.cleaned_data["sex"],
                    address=client_ip(request),
                    now=timezone.now(),
                )
            except family.AlreadyAnswered:  # a double tap: the first send's entry stands
                first = FamilyEntry.objects.get(invite=invite)
                return _done(request, quiz, first, repeated=True, status=409)
            except DomainError as refused:
                form.add_error(None, str(refused.message))
                status, retry_after = refused.status, refused.retry_after
            else:
                return redirect("family-quiz", token=token)
        else:
            status = 400
    response = render(
        request,
        "reach/family_quiz.html",
        {
            "quiz": quiz,
            "form": form,
            "questions_html": questions_html(questions, answers),
            "question_count": len(questions),
        },
        status=status,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _done(request, quiz, entry, *, repeated: bool, status: int) -> HttpResponse:
    return render(
        request,
        "reach/family_done.html",
        {"quiz": quiz, "entry": entry, "repeated": repeated},
        status=status,
    )
