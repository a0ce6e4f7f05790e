from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0012_attempt_item_marks'),
    ]

    operations = [
        migrations.AddField(
            model_name='quizpage',
            name='for_families',
            field=models.BooleanField(default=False, help_text="A short quiz a pupil sends home after finishing the module: families answer its fixed questions without an account. It is not one of the module's knowledge checks.", verbose_name='for families'),
        ),
    ]
