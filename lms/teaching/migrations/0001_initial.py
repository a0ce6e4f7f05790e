"""Teaching gets its own app, above courses and quizzes. Its tables keep the names they had in
`courses` (each model's `db_table`): this migration only tells Django's state that the models now
live here, and `courses.0003_assignments_moved_to_teaching` forgets them there. Nothing in the
database moves but the content types: permissions (and the groups holding them) point to a
content type, which is renamed from `courses` to `teaching`."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("assignment", "extension")


def _move_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # A content type already made for the target (none, unless something created them
        # early) is left alone: the one permissions point to is not moved onto it.
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)
    # The content types this process keeps in memory still name the old app.
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    LiveContentType.objects.clear_cache()


def content_types_to_teaching(apps, schema_editor):
    _move_content_types(apps, schema_editor, "courses", "teaching")


def content_types_to_courses(apps, schema_editor):
    _move_content_types(apps, schema_editor, "teaching", "courses")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0005_personal_data_consent_and_erasure"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0002_assignments"),
        ("quizzes", "0011_contests_have_their_own_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Assignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('opens_at', models.DateTimeField(verbose_name='opens')),
                        ('due_at', models.DateTimeField(verbose_name='due')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('classroom', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='accounts.classroom')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('module', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='courses.modulepage', verbose_name='module')),
                        ('quiz', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='quizzes.quizpage', verbose_name='quiz')),
                        ('students', models.ManyToManyField(blank=True, help_text='None chosen: the whole class.', related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='students')),
                    ],
                    options={
                        'verbose_name': 'assignment',
                        'verbose_name_plural': 'assignments',
                        'db_table': 'courses_assignment',
                        'ordering': ['due_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Extension',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_at', models.DateTimeField(verbose_name='new due date')),
                        ('extra_minutes', models.PositiveSmallIntegerField(default=0, verbose_name='extra minutes on the time limit')),
                        ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='teaching.assignment')),
                        ('student', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'extension',
                        'verbose_name_plural': 'extensions',
                        'db_table': 'courses_extension',
                    },
                ),
                migrations.AddConstraint(
                    model_name='assignment',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('module__isnull', False), ('quiz__isnull', True)), models.Q(('module__isnull', True), ('quiz__isnull', False)), _connector='OR'), name='assignment_is_a_module_or_a_quiz'),
                ),
                migrations.AddConstraint(
                    model_name='assignment',
                    constraint=models.CheckConstraint(condition=models.Q(('due_at__gt', models.F('opens_at'))), name='assignment_due_after_it_opens'),
                ),
                migrations.AddConstraint(
                    model_name='extension',
                    constraint=models.UniqueConstraint(fields=('assignment', 'student'), name='one_extension_per_student'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_teaching, content_types_to_courses),
    ]
