"""The organisation in Wagtail's admin, the single back office for staff."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.accounts.admin_forms import AreaForm, MembershipForm, UserCreationForm, UserEditForm
from lms.accounts.models import (
    Area,
    Classroom,
    ClassroomMembership,
    Role,
    School,
    SchoolEnrolment,
    User,
)


class UserViewSet(WagtailUserViewSet):
    template_prefix = "accounts/admin/users/"

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "kind", "code", "population_year"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return AreaForm


class SchoolViewSet(ModelViewSet):
    model = School
    icon = "home"
    menu_label = _("Schools")
    form_fields = ["name", "level", "area", "code"]
    list_display = ["name", "level", "area"]
    list_filter = ["level"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return School.objects.select_related("area")


class EnrolmentViewSet(ModelViewSet):
    model = SchoolEnrolment
    icon = "table"
    menu_label = _("Enrolment")
    form_fields = ["school", "school_year", "grade", "sex", "pupils"]
    list_display = ["school", "school_year", "grade", "sex", "pupils"]
    list_filter = ["school_year", "grade", "sex"]
    search_fields = ["school__name"]

    def get_queryset(self, request):
        return SchoolEnrolment.objects.select_related("school")


class ClassroomViewSet(ModelViewSet):
    model = Classroom
    icon = "group"
    menu_label = _("Classrooms")
    form_fields = ["school", "grade", "school_year", "name", "join_code_expires_at", "teachers"]
    list_display = ["__str__", "school", "grade", "join_code"]
    list_filter = ["school_year", "grade"]
    search_fields = ["name", "school__name", "join_code"]

    def get_queryset(self, request):
        return Classroom.objects.select_related("school")

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "teachers":
            kwargs["queryset"] = User.objects.filter(groups__name=Role.TEACHER).order_by(
                "display_name"
            )
        return super().formfield_for_dbfield(db_field, **kwargs)


class ClassroomFilterForm(BaseFilterForm):
    """Find a class by its name, its school or its join code (thousands of classes in a city)."""

    q = forms.CharField(label=_("Search"), required=False)

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(
                Q(name__icontains=query)
                | Q(school__name__icontains=query)
                | Q(join_code__iexact=query)
            )
        return objects


class ClassroomChooseMixin:
    filter_form_class = ClassroomFilterForm

    def get_object_list(self):
        return Classroom.objects.select_related("school").order_by("-school_year", "school", "name")


class ClassroomChooseView(ClassroomChooseMixin, ChooseView):
    pass


class ClassroomChooseResultsView(ClassroomChooseMixin, ChooseResultsView):
    pass


class ClassroomChooserViewSet(ChooserViewSet):
    """A searchable chooser: the widget for every foreign key to a class in the back office."""

    model = Classroom
    icon = "group"
    choose_one_text = _("Choose a class")
    choose_another_text = _("Choose another class")
    edit_item_text = _("Edit this class")
    choose_view_class = ClassroomChooseView
    choose_results_view_class = ClassroomChooseResultsView


class MembershipViewSet(ModelViewSet):
    model = ClassroomMembership
    icon = "user"
    menu_label = _("Class members")
    list_display = ["student", "classroom", "school_year", "joined_at", "left_at"]
    list_filter = ["school_year"]
    search_fields = ["student__username", "student__display_name", "classroom__name"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return ClassroomMembership.objects.select_related("student", "classroom")

    def get_form_class(self, for_update=False):
        return MembershipForm


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "globe"
    menu_order = 250
    items = [AreaViewSet, SchoolViewSet, EnrolmentViewSet, ClassroomViewSet, MembershipViewSet]


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register("register_admin_viewset")
def register_classroom_chooser():
    return ClassroomChooserViewSet("classroom_chooser")
