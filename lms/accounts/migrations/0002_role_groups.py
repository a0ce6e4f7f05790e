"""One Django group per role, holding that role's permissions (frozen here, changed by new migrations)."""

from django.db import migrations

from lms.core.migration_support import create_all_permissions

ROLE_PERMISSIONS = {
    "student": [],
    "teacher": [
        "accounts.view_classroom",
        "accounts.view_classroommembership",
        "accounts.view_school",
        "accounts.view_area",
    ],
    "editor": [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    "judge": ["accounts.view_school", "accounts.view_area", "accounts.view_classroom"],
    "officer": [
        "accounts.view_area",
        "accounts.view_school",
        "accounts.view_schoolenrolment",
        "accounts.add_schoolenrolment",
        "accounts.change_schoolenrolment",
    ],
    "admin": [
        "wagtailadmin.access_admin",
        *(
            f"accounts.{action}_{model}"
            for model in (
                "user",
                "area",
                "school",
                "schoolenrolment",
                "classroom",
                "classroommembership",
            )
            for action in ("add", "change", "delete", "view")
        ),
        "auth.view_group",
        "cms.change_sitesettings",
    ],
}


def create_groups(apps, schema_editor):
    create_all_permissions(apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"Permission {name} does not exist; check the migration order.")
            permissions.append(permission)
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cms", "0001_initial"),
        # Explicit names: "__latest__" picks a squashed migration in these apps.
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
