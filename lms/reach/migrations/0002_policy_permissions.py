"""Administrators set the reach policy; officers may read it (and the figures, in the site)."""

from django.db import migrations

from lms.core.migration_support import create_all_permissions

PERMISSIONS = {
    "admin": ["add_reachpolicy", "change_reachpolicy", "view_reachpolicy"],
    "officer": ["view_reachpolicy"],
}


def grant(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="reach", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reach", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
