"""Editors write, reviewers approve: the groups, their page permissions and the workflow.

Wagtail's own placeholder groups ("Moderators", "Editors") and their workflow are replaced by ours,
so that there is one obvious set of roles in the back office.
"""

from django.db import migrations

from lms.core.migration_support import create_all_permissions

REVIEW_TASK = "Duyệt nội dung / Content review"
WORKFLOW = "Biên tập và duyệt / Write and review"

PAGE_PERMISSIONS = {
    "editor": ["add_page", "change_page", "lock_page"],
    "reviewer": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "admin": [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
CONTENT_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "cms.add_hotline",
    "cms.change_hotline",
    "cms.view_hotline",
    "cms.add_trustedaddress",
    "cms.change_trustedaddress",
    "cms.view_trustedaddress",
]


def _permission(Permission, name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_workflow(apps, schema_editor):
    create_all_permissions(apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = Page.objects.get(depth=1)
    reviewer, _ = Group.objects.get_or_create(name="reviewer")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    for name in ("editor", "reviewer"):
        groups[name].permissions.add(
            *[_permission(Permission, perm) for perm in CONTENT_PERMISSIONS]
        )
    groups["admin"].permissions.add(
        *[_permission(Permission, f"cms.{a}_{m}") for a in ("add", "change", "delete", "view")
          for m in ("hotline", "trustedaddress")]
    )
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root,
                permission=_permission(Permission, f"wagtailcore.{codename}"),
            )

    # Wagtail's placeholders: their workflow on the root would compete with ours.
    WorkflowPage.objects.filter(page=root).delete()
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=REVIEW_TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([reviewer, groups["admin"]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_create_home_pages"),
        ("accounts", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
