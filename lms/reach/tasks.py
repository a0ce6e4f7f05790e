from django_tasks import task

from lms.reach import services  # by module: services queue these tasks in turn
from lms.reach.models import ReachPolicy
from lms.reach.snapshots import take_snapshot


@task()
def recompute_reach_task(policy_id: int) -> int:
    return services.recompute(policy=ReachPolicy.objects.get(pk=policy_id))


@task()
def take_reach_snapshot_task() -> int:
    return take_snapshot()


@task()
def refresh_person_task(user_id: int) -> bool:
    """One person recounted; kept for tasks queued before recounts were batched."""
    return services.refresh_person(user_id) is not None


@task()
def refresh_pending_task() -> int:
    """Everyone queued for a recount since the last batch (see `services.queue_recount`)."""
    return services.refresh_pending()
