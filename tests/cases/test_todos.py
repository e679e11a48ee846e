"""Cases waiting for a body are that body's to-do, counted exactly as the list it opens."""

import re

from lanhmanh.cases import services
from lanhmanh.cases.todos import todos


def rows(client, url):
    return len(re.findall(r'<tr><td class="text-nowrap">', client.get(url).content.decode()))


def test_each_body_sees_the_cases_waiting_for_it(world, bodies, record_case, client_for):
    waiting_police = record_case(reference="A")
    waiting_procuracy = record_case(reference="B")
    for stage in ("instituted", "investigated"):
        waiting_procuracy.refresh_from_db()
        services.case_advance(
            case=waiting_procuracy,
            by=bodies.police,
            stage=stage,
            on=waiting_procuracy.reported_on,
            version=waiting_procuracy.version,
        )
    record_case(unit=world.thanh_hoa, reference="C")  # the province's: not the ward's

    for who, expected in (
        (bodies.police, 2),
        (bodies.ward_police, 1),
        (bodies.prosecutor, 1),
        (bodies.judge, 0),
        (world.th_leader, 0),
        (world.bn_coordinator, 0),
    ):
        [todo] = todos(who, today=waiting_police.reported_on)
        assert todo.count == expected, who
        assert rows(client_for(who), todo.url) == expected, who
