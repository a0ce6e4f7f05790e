"""Editors and reviewers build the question bank; administrators may also delete questions."""

from django.db import migrations

from lms.core.migration_support import create_all_permissions

PERMISSIONS = {
    "editor": ["add_question", "change_question", "view_question"],
    "reviewer": ["add_question", "change_question", "view_question"],
    "admin": ["add_question", "change_question", "delete_question", "view_question"],
}


def grant(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="quizzes", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("cms", "0003_editorial_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
