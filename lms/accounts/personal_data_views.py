"""Officers' and admins' pages for a person's data: find a pupil, export what is kept (JSON or a
readable PDF) or erase it, each with a reason that is audited; schools' consent per school year;
and the consent text a public sign-up agrees to, by version, for anyone to read."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lms.accounts import personal_data
from lms.accounts.models import (
    PersonalDataAction,
    Role,
    School,
    SchoolConsent,
    User,
    current_school_year,
    school_year_label,
)
from lms.accounts.permissions import PeopleAccess, SchoolAccess, role_required
from lms.core.errors import DomainError

ACTIONS_SHOWN = 50


class FindPersonForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("As on the class list or the pupil's card, for example: an.nguyen.8a2."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        help_text=_("For example: request of the pupil's mother, letter of 03/12/2026."),
        error_messages={"required": _("Write why: every export and erasure is recorded.")},
    )


class EraseForm(ReasonForm):
    confirm = forms.CharField(
        label=_("Type the username to confirm"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != self.person.username.casefold():
            raise forms.ValidationError(_("This is not the username of the person shown."))
        return typed


class SchoolConsentForm(forms.ModelForm):
    class Meta:
        model = SchoolConsent
        fields = ["school", "school_year", "reference", "received_on"]
        widgets = {"received_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        year = current_school_year()
        self.fields["school_year"] = forms.TypedChoiceField(
            label=_("School year"),
            coerce=int,
            choices=[(y, school_year_label(y)) for y in (year + 1, year, year - 1)],
            initial=year,
        )


def _person_or_404(request, pk: int) -> User:
    people = PeopleAccess.scope(request.user, User.objects.all())
    return get_object_or_404(people.select_related("school").distinct(), pk=pk)


@require_safe
@role_required(Role.OFFICER, Role.ADMIN)
def people(request):
    """Find one pupil by username: officers never browse lists of children."""
    form = FindPersonForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        found = (
            PeopleAccess.scope(request.user, User.objects.all())
            .filter(username__iexact=form.cleaned_data["username"].strip())
            .first()
        )
        if found is not None:
            return redirect("accounts:person", pk=found.pk)
        context["not_found"] = True
    actions = PersonalDataAction.objects.select_related("done_by")
    context["sees_all"] = request.user.has_role(Role.ADMIN)
    if not context["sees_all"]:
        actions = actions.filter(done_by=request.user)
    context["actions"] = actions[:ACTIONS_SHOWN]
    return render(
        request, "accounts/people.html", context, status=404 if "not_found" in context else 200
    )


@require_safe
@role_required(Role.OFFICER, Role.ADMIN)
def person(request, pk: int):
    found = _person_or_404(request, pk)
    return render(request, "accounts/person.html", _person_context(found))


def _person_context(found: User, **forms_given) -> dict:
    return {
        "person": found,
        "export_form": forms_given.get("export_form") or ReasonForm(prefix="export"),
        "erase_form": forms_given.get("erase_form") or EraseForm(prefix="erase", person=found),
        "actions": PersonalDataAction.objects.filter(person_id=found.pk).select_related("done_by"),
    }


@require_POST
@role_required(Role.OFFICER, Role.ADMIN)
def export(request, pk: int, kind: str):
    if kind not in personal_data.EXPORT_FORMATS:
        raise Http404
    found = _person_or_404(request, pk)
    form = ReasonForm(request.POST, prefix="export")
    if not form.is_valid():
        return render(
            request, "accounts/person.html", _person_context(found, export_form=form), status=400
        )
    content = personal_data.export(
        person=found,
        by=request.user,
        reason=form.cleaned_data["reason"],
        now=timezone.now(),
        extension=kind,
    )
    response = HttpResponse(
        content, content_type="application/json" if kind == "json" else "application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{found.pk}.{kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(Role.OFFICER, Role.ADMIN)
def erase(request, pk: int):
    found = _person_or_404(request, pk)
    form = EraseForm(request.POST, prefix="erase", person=found)
    if not form.is_valid():
        return render(
            request, "accounts/person.html", _person_context(found, erase_form=form), status=400
        )
    try:
        personal_data.erase_person(
            person=found, by=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
        )
    except DomainError as refused:
        messages.error(request, str(refused.message))
    else:
        messages.success(
            request,
            gettext(
                "The data of person number %(number)d is erased: the name now reads “(đã xoá)” "
                "everywhere, certificates are revoked, and figures are unchanged."
            )
            % {"number": found.pk},
        )
    return redirect("accounts:people")


@require_http_methods(["GET", "POST"])
@role_required(Role.OFFICER, Role.ADMIN)
def school_consents(request):
    """Which schools' consent is recorded for a school year; record one from the school's letter."""
    schools = SchoolAccess.scope(request.user, School.objects.order_by("name"))
    if request.method == "POST":
        form = SchoolConsentForm(request.POST, schools=schools)
        if form.is_valid():
            consent = form.save(commit=False)
            consent.recorded_by, consent.recorded_at = request.user, timezone.now()
            consent.save()
            messages.success(
                request,
                gettext("Consent of %(school)s for %(year)s recorded.")
                % {"school": consent.school.name, "year": school_year_label(consent.school_year)},
            )
            return redirect(f"{request.path}?year={consent.school_year}")
    else:
        form = SchoolConsentForm(schools=schools)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = current_school_year()
    consents = {
        consent.school_id: consent
        for consent in SchoolConsent.objects.filter(school__in=schools, school_year=year)
    }
    rows = [(school, consents.get(school.pk)) for school in schools]
    return render(
        request,
        "accounts/school_consents.html",
        {
            "form": form,
            "year": year,
            "year_label": school_year_label(year),
            "rows": rows,
            "missing": sum(1 for _school, consent in rows if consent is None),
        },
        status=400 if form.errors else 200,
    )


@require_safe
def consent_text(request, version: str):
    text = personal_data.CONSENT_TEXTS.get(version)
    if text is None:
        raise Http404
    return render(
        request,
        "accounts/consent_text.html",
        {"text": text, "version": version, "current": version == personal_data.CONSENT_VERSION},
    )
