"""Reach policy versions in the back office: "editing" the current one saves a new version and
recounts everyone under it in the background."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from lms.reach.models import ReachPolicy
from lms.reach.tasks import recompute_reach_task

FIELDS = ["rule", "min_percent", "target_percent", "target_year"]


class NewVersionMixin:
    def save_instance(self):
        policy = self.form.save(commit=False)
        policy.pk = None  # never rewrite a version that figures were counted under
        policy.created_by = self.request.user
        policy.save()
        recompute_reach_task.enqueue(policy.pk)
        return policy


class NewVersionCreateView(NewVersionMixin, CreateView):
    pass


class NewVersionEditView(NewVersionMixin, EditView):
    pass


class ReachPolicyViewSet(ModelViewSet):
    model = ReachPolicy
    icon = "tasks"
    menu_label = _("Reach policy")
    menu_order = 260
    add_to_admin_menu = True
    form_fields = FIELDS
    list_display = ["__str__", "target_percent", "target_year", "created_at", "created_by"]
    add_view_class = NewVersionCreateView
    edit_view_class = NewVersionEditView
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_reach_policy():
    return ReachPolicyViewSet("reach_policy")
