"""Assignments and extensions moved to their own app (`lms.teaching`, label `teaching`), keeping
their tables: here they leave the state of `courses` only, once `teaching.0001_initial` has taken
them in."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_assignments"),
        ("teaching", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Those that point to others first: the state never holds a dangling reference.
            state_operations=[
                migrations.DeleteModel(name="Extension"),
                migrations.DeleteModel(name="Assignment"),
            ],
            database_operations=[],
        ),
    ]
