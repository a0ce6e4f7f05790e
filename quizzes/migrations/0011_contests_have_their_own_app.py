"""Contests moved to their own app (`quizzes.contests`, label `contests`), keeping their tables:
here they leave the state of `quizzes` only, once `contests.0001_initial` has taken them in."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0010_certificate_revoked"),
        ("contests", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Those that point to others first: the state never holds a dangling reference.
            state_operations=[
                migrations.DeleteModel(name="SnapshotPublication"),
                migrations.DeleteModel(name="RankingRow"),
                migrations.DeleteModel(name="RankingSnapshot"),
                migrations.DeleteModel(name="JudgeDecision"),
                migrations.DeleteModel(name="ContestEntry"),
                migrations.DeleteModel(name="ContestTieBreak"),
                migrations.DeleteModel(name="ContestAudienceSchool"),
                migrations.DeleteModel(name="ContestAudienceClass"),
                migrations.DeleteModel(name="ContestRound"),
                migrations.DeleteModel(name="ContestPage"),
            ],
            database_operations=[],
        ),
    ]
