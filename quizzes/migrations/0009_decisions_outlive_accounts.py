"""Judges' decisions keep their contest and the participant's name, so that deleting an account
no longer deletes the audit trail of the decisions taken about it."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    JudgeDecision = apps.get_model("quizzes", "JudgeDecision")
    for decision in JudgeDecision.objects.select_related("entry__user"):
        decision.contest_id = decision.entry.contest_id
        decision.participant_name = decision.entry.user.display_name
        decision.save(update_fields=["contest", "participant_name"])


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0008_rankings_are_write_once")]

    operations = [
        migrations.AddField(
            model_name="judgedecision",
            name="contest",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="quizzes.contestpage",
            ),
        ),
        migrations.AddField(
            model_name="judgedecision",
            name="participant_name",
            field=models.CharField(default="", max_length=100, verbose_name="participant"),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="judgedecision",
            name="contest",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="quizzes.contestpage",
            ),
        ),
        migrations.AlterField(
            model_name="judgedecision",
            name="entry",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="decisions",
                to="quizzes.contestentry",
            ),
        ),
    ]
