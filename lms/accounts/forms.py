from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import Sex


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username (staff may use their email)"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}
        ),
    )
    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Check them and try again; "
            "after 5 failed tries, sign-in is paused for 15 minutes."
        ),
        "inactive": _("This account is switched off. Ask your teacher or the school."),
    }


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"),
        max_length=12,
        help_text=_("Six letters and digits, given by your teacher."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class PersonSignUpForm(forms.Form):
    """A name to show, birth year, sex and a password: all a sign-up may ask of a minor.
    Subclasses declare `display_name` and say which birth years they accept."""

    birth_year = forms.IntegerField(
        label=_("Birth year"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.NOT_STATED)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    empty_name = _("Please write the name to show on the site.")

    def birth_years(self) -> tuple[int, int]:
        """The earliest and latest birth year accepted."""
        raise NotImplementedError

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(self.empty_name)
        return name

    def clean_birth_year(self) -> int:
        year = self.cleaned_data["birth_year"]
        low, high = self.birth_years()
        if not low <= year <= high:
            raise forms.ValidationError(
                _("Write a birth year between %(low)d and %(high)d.") % {"low": low, "high": high}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are different. Type them again."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class StudentSignUpForm(PersonSignUpForm):
    """A pupil joining a class with its code."""

    field_order = ["display_name", "birth_year", "sex", "password1", "password2"]

    display_name = forms.CharField(
        label=_("Your name on the site"),
        max_length=60,
        help_text=_("Your given name is enough, for example: Lan."),
    )

    def birth_years(self) -> tuple[int, int]:
        this_year = timezone.localdate().year
        return this_year - 25, this_year - 5
