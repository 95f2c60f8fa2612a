"""Reads of plans: who leads and cooperates on a task, answered from a loaded task as from the database."""

from dukao.plans.models import Task, TaskUnit, UnitRole
from dukao.plans.selectors import task_detail, task_for_reporting, task_unit_ids


def test_a_loaded_task_names_the_same_units_as_the_database_for_every_seed_row(seed, django_assert_num_queries):
    through_groups = 0
    for task in Task.objects.order_by("pk"):
        loaded = task_detail(task.pk)
        for role in UnitRole:
            from_the_database = task_unit_ids(Task.objects.get(pk=task.pk), role)
            for loader in (task_detail, task_for_reporting):
                loaded = loader(task.pk)
                with django_assert_num_queries(0):
                    assert task_unit_ids(loaded, role) == from_the_database, (task.seq, role, loader.__name__)
        through_groups += any(link.group_id for link in loaded.unit_links.all())
    assert through_groups > 0  # the seed's 各街道办事处 rows: their members take part through the group


def test_the_members_of_a_group_take_its_part_in_a_task(seed):
    link = TaskUnit.objects.filter(group__members__isnull=False).select_related("group").first()
    members = set(link.group.members.values_list("pk", flat=True))
    assert members and members <= task_unit_ids(task_detail(link.task_id), link.role)
