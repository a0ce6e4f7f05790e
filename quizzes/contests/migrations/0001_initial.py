"""Contests get their own app. Their tables keep the names they had in `quizzes` (each model's
`db_table`): this migration only tells Django's state that the models now live here, and
`quizzes.0011_contests_have_their_own_app` forgets them there. Nothing in the database moves but
the content types: pages, revisions and permissions point to a content type, which is renamed
from `quizzes` to `contests` so that every contest and round made before opens as it did."""

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MODELS = (
    "contestpage",
    "contestround",
    "contesttiebreak",
    "contestaudienceschool",
    "contestaudienceclass",
    "contestentry",
    "judgedecision",
    "rankingsnapshot",
    "rankingrow",
    "snapshotpublication",
)


def _move_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # A content type already made for the target (none, unless something created them
        # early) is left alone: the one pages and permissions point to is not moved onto it.
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)
    # The content types this process keeps in memory still name the old app.
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    LiveContentType.objects.clear_cache()


def content_types_to_contests(apps, schema_editor):
    _move_content_types(apps, schema_editor, "quizzes", "contests")


def content_types_to_quizzes(apps, schema_editor):
    _move_content_types(apps, schema_editor, "contests", "quizzes")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0005_personal_data_consent_and_erasure"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("quizzes", "0010_certificate_revoked"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ContestRound',
                    fields=[
                        ('quizpage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='quizzes.quizpage')),
                        ('number', models.PositiveSmallIntegerField(default=1, verbose_name='round number')),
                        ('counted_attempt', models.CharField(choices=[('best', "The best, by the contest's tie-break chain"), ('first', 'The first'), ('latest', 'The latest')], default='best', max_length=6, verbose_name='which attempt counts')),
                        ('prediction_question', models.CharField(blank=True, help_text='For example: How many participants will answer every question correctly this round? Empty: no prediction.', max_length=300, verbose_name='prediction question')),
                        ('prediction_counts', models.CharField(choices=[('perfect', 'Participants who answer every question correctly'), ('participants', 'All participants of the round')], default='perfect', max_length=12, verbose_name='the prediction counts')),
                    ],
                    options={
                        'verbose_name': 'contest round',
                        'db_table': 'quizzes_contestround',
                    },
                    bases=('quizzes.quizpage',),
                ),
                migrations.CreateModel(
                    name='ContestPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('rules', wagtail.fields.RichTextField(verbose_name='rules')),
                        ('organiser', models.CharField(max_length=200, verbose_name='organiser')),
                        ('audience', models.CharField(choices=[('public', 'Everyone, with a short sign-up'), ('schools', 'Students of the chosen schools'), ('classes', 'Students of the chosen classes')], default='public', max_length=10, verbose_name='who may take part')),
                        ('overall_method', models.CharField(choices=[('sum', 'Sum of the rounds'), ('best', 'Best round')], default='sum', max_length=5, verbose_name='overall ranking')),
                        ('award_places', models.PositiveSmallIntegerField(default=3, help_text='How many of the top places get a certificate.', verbose_name='award places')),
                        ('suspicious_seconds', models.PositiveIntegerField(default=30, help_text='Attempts finished faster than this are flagged for the judges to review.', verbose_name='suspiciously quick (seconds)')),
                        ('shared_origin_accounts', models.PositiveSmallIntegerField(default=3, help_text='This many participants or more on one device or address are flagged.', verbose_name='accounts on one device or address')),
                        ('judges', modelcluster.fields.ParentalManyToManyField(blank=True, limit_choices_to={'groups__name': 'judge'}, related_name='judged_contests', to=settings.AUTH_USER_MODEL, verbose_name='judges')),
                    ],
                    options={
                        'verbose_name': 'contest',
                        'db_table': 'quizzes_contestpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='ContestEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('signed_up_at', models.DateTimeField(verbose_name='signed up')),
                        ('disqualified_at', models.DateTimeField(blank=True, null=True, verbose_name='disqualified')),
                        ('disqualified_reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
                        ('school', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.school', verbose_name='school')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contest_entries', to=settings.AUTH_USER_MODEL)),
                        ('ward', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.area', verbose_name='ward or commune')),
                        ('contest', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='contests.contestpage')),
                    ],
                    options={
                        'verbose_name': 'contest entry',
                        'verbose_name_plural': 'contest entries',
                        'db_table': 'quizzes_contestentry',
                    },
                ),
                migrations.CreateModel(
                    name='ContestAudienceSchool',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.school', verbose_name='school')),
                        ('contest', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='audience_schools', to='contests.contestpage')),
                    ],
                    options={
                        'db_table': 'quizzes_contestaudienceschool',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ContestAudienceClass',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('classroom', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='accounts.classroom', verbose_name='class')),
                        ('contest', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='audience_classes', to='contests.contestpage')),
                    ],
                    options={
                        'db_table': 'quizzes_contestaudienceclass',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ContestTieBreak',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('rule', models.CharField(choices=[('score', 'Score (higher first)'), ('prediction', 'Prediction distance (nearer first)'), ('duration', 'Time taken (quicker first)'), ('submitted', 'Submit time (earlier first)'), ('signed_up', 'Sign-up time (earlier first)')], max_length=12, verbose_name='rule')),
                        ('contest', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='tie_breaks', to='contests.contestpage')),
                    ],
                    options={
                        'db_table': 'quizzes_contesttiebreak',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='JudgeDecision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('participant_name', models.CharField(max_length=100, verbose_name='participant')),
                        ('action', models.CharField(choices=[('disqualify', 'Disqualified'), ('reinstate', 'Reinstated')], max_length=10, verbose_name='decision')),
                        ('reason', models.CharField(max_length=500, verbose_name='reason')),
                        ('decided_at', models.DateTimeField(verbose_name='decided')),
                        ('contest', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='contests.contestpage')),
                        ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('entry', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='contests.contestentry')),
                    ],
                    options={
                        'verbose_name': "judges' decision",
                        'verbose_name_plural': "judges' decisions",
                        'db_table': 'quizzes_judgedecision',
                        'ordering': ['-decided_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='RankingSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveSmallIntegerField(verbose_name='version')),
                        ('chain', models.JSONField(verbose_name='tie-break chain')),
                        ('actual_value', models.PositiveIntegerField(blank=True, null=True, verbose_name='actual value')),
                        ('participants', models.PositiveIntegerField(verbose_name='participants')),
                        ('checksum', models.CharField(max_length=64, verbose_name='checksum (SHA-256)')),
                        ('reason', models.CharField(blank=True, max_length=500, verbose_name='why this version')),
                        ('created_at', models.DateTimeField(verbose_name='finalised')),
                        ('contest', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='snapshots', to='contests.contestpage')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('round', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='snapshots', to='contests.contestround')),
                    ],
                    options={
                        'verbose_name': 'ranking snapshot',
                        'verbose_name_plural': 'ranking snapshots',
                        'db_table': 'quizzes_rankingsnapshot',
                    },
                ),
                migrations.CreateModel(
                    name='RankingRow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveIntegerField()),
                        ('rank', models.PositiveIntegerField()),
                        ('entry_id', models.PositiveIntegerField()),
                        ('attempt_id', models.PositiveIntegerField(null=True)),
                        ('score', models.DecimalField(decimal_places=2, max_digits=9)),
                        ('prediction', models.PositiveIntegerField(null=True)),
                        ('prediction_distance', models.PositiveIntegerField(null=True)),
                        ('duration_seconds', models.PositiveIntegerField(null=True)),
                        ('submitted_at', models.DateTimeField(null=True)),
                        ('public_name', models.CharField(max_length=80)),
                        ('unit_name', models.CharField(blank=True, max_length=200)),
                        ('school_id', models.PositiveIntegerField(null=True)),
                        ('area_id', models.PositiveIntegerField(null=True)),
                        ('sex', models.CharField(blank=True, choices=[('female', 'Female'), ('male', 'Male'), ('other', 'Other'), ('not_stated', 'Prefer not to say')], max_length=12)),
                        ('snapshot', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rows', to='contests.rankingsnapshot')),
                    ],
                    options={
                        'db_table': 'quizzes_rankingrow',
                    },
                ),
                migrations.CreateModel(
                    name='SnapshotPublication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('published_at', models.DateTimeField(verbose_name='published')),
                        ('published_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('snapshot', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='publication', to='contests.rankingsnapshot')),
                    ],
                    options={
                        'db_table': 'quizzes_snapshotpublication',
                    },
                ),
                migrations.AddConstraint(
                    model_name='contestentry',
                    constraint=models.UniqueConstraint(fields=('contest', 'user'), name='one_entry_per_contest'),
                ),
                migrations.AddConstraint(
                    model_name='rankingsnapshot',
                    constraint=models.UniqueConstraint(fields=('contest', 'round', 'version'), name='one_snapshot_version'),
                ),
                migrations.AddConstraint(
                    model_name='rankingsnapshot',
                    constraint=models.UniqueConstraint(condition=models.Q(('round__isnull', True)), fields=('contest', 'version'), name='one_overall_snapshot_version'),
                ),
                migrations.AddConstraint(
                    model_name='rankingrow',
                    constraint=models.UniqueConstraint(fields=('snapshot', 'position'), name='one_row_per_position'),
                ),
                migrations.AddConstraint(
                    model_name='rankingrow',
                    constraint=models.UniqueConstraint(fields=('snapshot', 'entry_id'), name='one_row_per_entry'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_contests, content_types_to_quizzes),
    ]
