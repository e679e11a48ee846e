"""'My tasks' for an agency's staff, and recording progress on a task's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.plans.models import Plan, Task, TaskStatus, TaskUpdate
from lanhmanh.plans.services import ERR_UPDATE_IN_FUTURE
from tests.queries import SIGNED_IN_REQUEST

MY_TASKS = reverse("plans:my_tasks")


@pytest.fixture
def tasks(world):
    province = Plan.objects.create(
        unit=world.thanh_hoa, year_from=2026, year_to=2026, title="Kế hoạch tỉnh 2026"
    )
    older = Plan.objects.create(
        unit=world.thanh_hoa, year_from=2025, year_to=2025, title="Kế hoạch tỉnh 2025"
    )
    ward = Plan.objects.create(
        unit=world.hac_thanh, year_from=2026, year_to=2026, title="Kế hoạch phường 2026"
    )
    elsewhere = Plan.objects.create(
        unit=world.bac_ninh, year_from=2026, year_to=2026, title="Kế hoạch Bắc Ninh"
    )
    t = {
        "done": Task.objects.create(
            plan=province,
            order=0,
            text="Tổng kết công tác năm",
            lead=world.th_health,
            status=TaskStatus.DONE,
        ),
        "open": Task.objects.create(
            plan=province,
            order=1,
            text="Hướng dẫn các xã lập kế hoạch",
            lead=world.th_health,
            due_date=datetime.date(2026, 3, 31),
        ),
        "old_done": Task.objects.create(
            plan=older, text="Việc năm 2025", lead=world.th_health, status=TaskStatus.DONE
        ),
        "coordinated": Task.objects.create(
            plan=province, order=2, text="Kiểm tra cơ sở kinh doanh", lead=world.th_police
        ),
        "ward": Task.objects.create(
            plan=ward, text="Tuyên truyền tại tổ dân phố", lead=world.hac_thanh_police
        ),
        "ward_unassigned": Task.objects.create(
            plan=ward, order=1, text="Việc chưa giao", lead_name="Các tổ dân phố"
        ),
        "elsewhere": Task.objects.create(
            plan=elsewhere, text="Việc của Bắc Ninh", lead=world.bn_health
        ),
    }
    t["coordinated"].coordinating.set([world.th_health])
    return t


def task_url(task):
    return reverse("plans:task_detail", args=[task.pk])


# My tasks


def test_my_tasks_lists_what_my_agency_leads_open_first_then_what_it_coordinates(
    world, tasks, client_for
):
    response = client_for(world.th_coordinator).get(MY_TASKS)
    assert response.status_code == 200
    led = [(plan.title, [t.text for t in rows]) for plan, rows in response.context["led"]]
    assert led == [
        ("Kế hoạch tỉnh 2026", ["Hướng dẫn các xã lập kế hoạch", "Tổng kết công tác năm"]),
        ("Kế hoạch tỉnh 2025", ["Việc năm 2025"]),
    ]
    coordinated = [t for _plan, rows in response.context["coordinated"] for t in rows]
    assert coordinated == [tasks["coordinated"]]
    body = response.content.decode()
    assert "31/03/2026" in body
    assert "Việc của Bắc Ninh" not in body
    assert "Tuyên truyền tại tổ dân phố" not in body


def test_a_commune_officer_sees_the_tasks_of_their_agency(world, tasks, client_for):
    response = client_for(world.hac_thanh_officer).get(MY_TASKS)
    led = [t for _plan, rows in response.context["led"] for t in rows]
    assert led == [tasks["ward"]]


def test_a_user_without_an_agency_is_told_so(world, tasks, client_for):
    response = client_for(world.th_leader).get(MY_TASKS)
    assert response.status_code == 200
    assert "không gắn với cơ quan nào" in response.content.decode()


def test_my_tasks_is_404_without_the_plans_module(world, tasks, client_for):
    for user in (world.th_inspector, world.nobody):
        assert client_for(user).get(MY_TASKS).status_code == 404


def test_my_tasks_uses_a_fixed_number_of_queries(
    world, tasks, client_for, django_assert_num_queries
):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        client.get(MY_TASKS)
    plan = tasks["open"].plan
    for i in range(20):
        task = Task.objects.create(plan=plan, order=10 + i, text=f"Việc {i}", lead=world.th_health)
        TaskUpdate.objects.create(
            task=task,
            author=world.th_coordinator,
            written_on=datetime.date(2026, 2, 1),
            text="Đang làm",
            status=TaskStatus.IN_PROGRESS,
        )
    with django_assert_num_queries(SIGNED_IN_REQUEST + 2):
        response = client.get(MY_TASKS)
    assert sum(len(rows) for _plan, rows in response.context["led"]) == 23


# A task's page and its progress


def post_update(client, task, **values):
    data = {
        "written_on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "text": "Đã tổ chức 3 buổi tuyên truyền",
    }
    return client.post(task_url(task), data | values)


def test_a_member_of_the_lead_agency_records_progress(world, tasks, client_for):
    client = client_for(world.hac_thanh_officer)
    task = tasks["ward"]
    assert "Cập nhật tiến độ" in client.get(task_url(task)).content.decode()
    response = post_update(client, task, status="done", text="Đã hoàn thành")
    assert response.status_code == 302
    update = task.updates.get()
    assert (update.author, update.agency, update.text) == (
        world.hac_thanh_officer,
        world.hac_thanh_police,
        "Đã hoàn thành",
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    page = client.get(task_url(task)).content.decode()
    assert "Đã hoàn thành" in page


def test_the_status_follows_the_latest_update_by_date(world, tasks, client_for):
    client = client_for(world.hac_thanh_officer)
    task = tasks["ward"]
    today = timezone.localdate()
    post_update(client, task, status="done", written_on=today.isoformat())
    post_update(
        client,
        task,
        status="in_progress",
        written_on=(today - datetime.timedelta(days=30)).isoformat(),
    )
    task.refresh_from_db()
    assert task.updates.count() == 2
    assert task.status == TaskStatus.DONE


def test_a_coordinator_of_the_unit_records_progress_for_any_agency(world, tasks, client_for):
    response = post_update(client_for(world.th_coordinator), tasks["ward_unassigned"])
    assert response.status_code == 302
    update = tasks["ward_unassigned"].updates.get()
    assert update.agency is None


def test_a_date_in_the_future_is_refused_and_nothing_saved(world, tasks, client_for):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client = client_for(world.hac_thanh_officer)
    response = post_update(client, tasks["ward"], written_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert str(ERR_UPDATE_IN_FUTURE) in response.content.decode()
    assert not TaskUpdate.objects.exists()
    empty = post_update(client, tasks["ward"], text="")
    assert empty.status_code == 200
    assert not TaskUpdate.objects.exists()


def test_someone_outside_the_lead_agency_cannot_record_progress(world, tasks, client_for):
    client = client_for(world.hac_thanh_officer)
    page = client.get(task_url(tasks["ward_unassigned"]))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert post_update(client, tasks["ward_unassigned"]).status_code == 403
    assert not TaskUpdate.objects.exists()


def test_a_leader_reads_the_task_but_cannot_record_progress(world, tasks, client_for):
    client = client_for(world.th_leader)
    page = client.get(task_url(tasks["open"]))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert post_update(client, tasks["open"]).status_code == 403
    assert not TaskUpdate.objects.exists()


def test_the_task_page_is_404_outside_the_scope(world, tasks, client_for):
    client = client_for(world.bn_coordinator)
    assert client.get(task_url(tasks["open"])).status_code == 404
    assert post_update(client, tasks["open"]).status_code == 404
    # A ward officer does not see the province's tasks.
    assert client_for(world.hac_thanh_officer).get(task_url(tasks["open"])).status_code == 404
    assert client_for(world.th_inspector).get(task_url(tasks["open"])).status_code == 404
    assert client.get(reverse("plans:task_detail", args=[999999])).status_code == 404
    assert not TaskUpdate.objects.exists()


def test_the_plan_page_shows_each_tasks_latest_update(world, tasks, client_for):
    task = tasks["open"]
    for day, text in ((1, "Bản cũ"), (20, "Đã gửi hướng dẫn cho 10 xã")):
        TaskUpdate.objects.create(
            task=task,
            author=world.th_coordinator,
            written_on=datetime.date(2026, 2, day),
            text=text,
            status=TaskStatus.IN_PROGRESS,
        )
    body = client_for(world.th_leader).get(task.plan.get_absolute_url()).content.decode()
    assert "Đã gửi hướng dẫn cho 10 xã" in body
    assert "20/02/2026" in body
    assert "Bản cũ" not in body
