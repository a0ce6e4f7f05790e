from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from lms.accounts import sign_in_limits
from lms.accounts.models import Sex, clean_display_name


class WithinSignInLimits:
    """Authentication forms that check the password through the sign-in limits; `paused` holds
    the refusal, for the view to answer 429 with Retry-After."""

    paused: sign_in_limits.SignInPaused | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = sign_in_limits.authenticate(
                    self.request, username=username, password=password
                )
            except sign_in_limits.SignInPaused as paused:
                self.paused = paused
                raise forms.ValidationError(str(paused.message), code=paused.code) from None
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class AdminSignInForm(WithinSignInLimits, WagtailLoginForm):
    """The back office's sign-in, under the same limits as the site's."""


class SignInForm(WithinSignInLimits, AuthenticationForm):
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
        name = clean_display_name(self.cleaned_data["display_name"])
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
