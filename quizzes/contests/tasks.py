"""Background work of contests, run by django-tasks (a worker in production)."""

from django_tasks import task

from quizzes.contests import figures


@task()
def refresh_live_figures(round_id: int) -> int:
    """A contest round's live figures and provisional ranks, for the judges and participants."""
    return figures.refresh_live(round_id)
