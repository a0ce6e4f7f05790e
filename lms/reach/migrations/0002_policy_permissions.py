"""Administrators set the reach policy; officers may read it (and the figures, in the site)."""

from django.db import migrations

from lms.core.migration_support import grant_permissions

PERMISSIONS = {
    "admin": ["add_reachpolicy", "change_reachpolicy", "view_reachpolicy"],
    "officer": ["view_reachpolicy"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "reach", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("reach", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
