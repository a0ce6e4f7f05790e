"""The organisation in Wagtail's admin, the single back office for staff."""

from django import forms
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.accounts.admin_forms import AreaForm, MembershipForm, UserCreationForm, UserEditForm
from lms.accounts.models import (
    Area,
    AreaPopulation,
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


class AreaIndexView(IndexView):
    """The list of areas, each with the latest year of its population figures: one query."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(latest_population_year=Max("population_figures__year"))
        )


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    index_view_class = AreaIndexView
    list_display = [
        "name",
        "kind",
        "code",
        Column(
            "latest_population_year",
            label=_("Population figures of"),
            sort_key="latest_population_year",
        ),
    ]
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


class PopulationIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("area")


class PopulationViewSet(ModelViewSet):
    """Figures are imported by officers (the reach pages); here an admin corrects one by hand."""

    model = AreaPopulation
    icon = "table"
    menu_label = _("Population")
    index_view_class = PopulationIndexView
    form_fields = ["area", "year", "sex", "age_band", "people"]
    list_display = [
        "area",
        "year",
        "sex",
        Column("age_band_label", label=_("Age band")),
        "people",
    ]
    list_filter = ["year", "sex", "age_band"]
    search_fields = ["area__name", "area__code"]
    ordering = ["area__path", "-year", "sex", "age_band"]


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
    items = [
        AreaViewSet,
        PopulationViewSet,
        SchoolViewSet,
        EnrolmentViewSet,
        ClassroomViewSet,
        MembershipViewSet,
    ]


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register("register_admin_viewset")
def register_classroom_chooser():
    return ClassroomChooserViewSet("classroom_chooser")
