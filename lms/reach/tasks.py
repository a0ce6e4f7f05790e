from django_tasks import task

from lms.reach.models import ReachPolicy
from lms.reach.services import recompute
from lms.reach.snapshots import take_snapshot


@task()
def recompute_reach_task(policy_id: int) -> int:
    return recompute(policy=ReachPolicy.objects.get(pk=policy_id))


@task()
def take_reach_snapshot_task() -> int:
    return take_snapshot()
