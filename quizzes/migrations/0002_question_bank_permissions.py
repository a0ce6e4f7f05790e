"""Editors and reviewers build the question bank; administrators may also delete questions."""

from django.db import migrations

from lms.core.migration_support import grant_permissions

PERMISSIONS = {
    "editor": ["add_question", "change_question", "view_question"],
    "reviewer": ["add_question", "change_question", "view_question"],
    "admin": ["add_question", "change_question", "delete_question", "view_question"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "quizzes", PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0001_initial"),
        ("cms", "0003_editorial_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
