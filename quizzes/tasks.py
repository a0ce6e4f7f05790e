"""Background work of the quiz engine, run by django-tasks (a worker in production)."""

from django.utils import timezone
from django_tasks import task

from lms.accounts.models import User
from quizzes.certificates import issue_for_attempt
from quizzes.models import Attempt, Question


@task()
def regrade_question_task(question_id: int, user_id: int | None) -> int:
    # A real cycle: the services queue this module's tasks.
    from quizzes.services import regrade_question

    question = Question.objects.get(pk=question_id)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    return regrade_question(question=question, by=user, now=timezone.now())


@task()
def issue_certificate(attempt_id: int) -> str | None:
    """The certificate of a passed knowledge check, issued after the submit that earned it."""
    attempt = Attempt.objects.select_related("quiz", "user").filter(pk=attempt_id).first()
    certificate = issue_for_attempt(attempt) if attempt is not None else None
    return certificate.code if certificate is not None else None
