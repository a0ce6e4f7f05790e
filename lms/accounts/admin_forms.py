"""Back-office forms: the user form trimmed to what we may hold, and the area tree form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users import forms as wagtail_user_forms

from lms.accounts.models import Area, ClassroomMembership, User

PROFILE_FIELDS = ["display_name", "birth_year", "sex", "school"]
ALREADY_IN_A_CLASS = _(
    "This student is in another class this school year: mark that one as left first."
)


class _ProfileFieldsMixin(forms.Form):
    # Students have no email and give no full name; staff may fill them in.
    email = forms.EmailField(
        required=False, label=_("Email"), help_text=_("Staff only. Students do not need one.")
    )
    first_name = forms.CharField(required=False, label=_("First name (staff only)"))
    last_name = forms.CharField(required=False, label=_("Last name (staff only)"))


class UserCreationForm(_ProfileFieldsMixin, wagtail_user_forms.UserCreationForm):
    class Meta(wagtail_user_forms.UserCreationForm.Meta):
        model = User
        fields = list(wagtail_user_forms.UserCreationForm.Meta.fields) + PROFILE_FIELDS


class UserEditForm(_ProfileFieldsMixin, wagtail_user_forms.UserEditForm):
    class Meta(wagtail_user_forms.UserEditForm.Meta):
        model = User
        fields = list(wagtail_user_forms.UserEditForm.Meta.fields) + PROFILE_FIELDS


class AreaForm(WagtailAdminModelForm):
    """Areas form a tree; the parent is chosen here and the tree is kept by treebeard."""

    parent = forms.ModelChoiceField(
        queryset=Area.objects.order_by("path"),
        required=False,
        label=_("Part of"),
        help_text=_("Leave empty for a top-level unit such as the city."),
    )

    class Meta:
        model = Area
        fields = ["name", "kind", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = Area.objects.exclude(
                path__startswith=self.instance.path
            ).order_by("path")

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("An area cannot be part of itself or of its own units."))
        return parent

    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        area = self.instance
        if area.pk is None:
            return parent.add_child(instance=area) if parent else Area.add_root(instance=area)
        area.save()
        current = area.get_parent(update=True)
        if parent != current:
            if parent is None:
                root = Area.get_first_root_node()
                area.move(root, pos="sorted-sibling")
            else:
                area.move(parent, pos="sorted-child")
            area.refresh_from_db()
        return area

    def save_m2m(self):
        pass


class MembershipForm(WagtailAdminModelForm):
    """Students are picked by username: a select of every student would not load."""

    student_username = forms.CharField(label=_("Student's username"), max_length=150)

    class Meta:
        model = ClassroomMembership
        fields = ["classroom", "left_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["student_username"].initial = self.instance.student.username

    def clean_student_username(self):
        username = self.cleaned_data["student_username"].strip()
        student = User.objects.filter(username=username, groups__name="student").first()
        if student is None:
            raise forms.ValidationError(_("No student has this username."))
        return student

    def clean(self):
        cleaned = super().clean()
        student, classroom = cleaned.get("student_username"), cleaned.get("classroom")
        if student and classroom:
            self.instance.student = student
            self.instance.school_year = classroom.school_year
            clash = (
                ClassroomMembership.objects.current()
                .filter(student=student, school_year=classroom.school_year)
                .exclude(pk=self.instance.pk)
            )
            if cleaned.get("left_at") is None and clash.exists():
                raise forms.ValidationError(ALREADY_IN_A_CLASS)
        return cleaned
