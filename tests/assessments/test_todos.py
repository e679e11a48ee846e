"""The module's to-dos: a commune's self-assessment still to send, the assessments sent
up that the user reviews; each count equals the rows of the list its link opens."""

import datetime
import re

import pytest

from lanhmanh.assessments.todos import todos

pytestmark = pytest.mark.django_db


def rows_on(client, url) -> int:
    html = client.get(url).content.decode()
    body = html[html.index('id="classification"') :]
    return len(re.findall(r"<tr data-unit=", body))


def test_the_commune_has_its_self_assessment_to_do(world, frame, client_for):
    today = datetime.date(frame.year, 12, 5)
    found = todos(world.hac_thanh_officer, today=today)
    mine = [t for t in found if "chưa gửi" in t.label]
    assert [t.count for t in mine] == [1, 1]  # prostitution and drugs
    client = client_for(world.hac_thanh_officer)
    assert rows_on(client, mine[0].url) == 1
    frame.submit(frame.fill(frame.create()))
    found = todos(world.hac_thanh_officer, today=today)
    assert [t.count for t in found if "chưa gửi" in t.label] == [1]  # drugs only
    # The province has nothing to self-assess: its communes do.
    assert not [t for t in todos(world.th_coordinator, today=today) if "chưa gửi" in t.label]


def test_the_province_has_the_submitted_ones_to_review(world, frame, client_for):
    today = datetime.date(frame.year, 12, 5)
    frame.submit(frame.fill(frame.create()))
    frame.submit(
        frame.fill(
            frame.create(unit=world.quang_ngoc, by=world.th_coordinator), by=world.th_coordinator
        ),
        by=world.th_coordinator,
    )
    review = [t for t in todos(world.th_coordinator, today=today) if "thẩm định" in t.label]
    assert [t.count for t in review] == [2]
    assert rows_on(client_for(world.th_coordinator), review[0].url) == 2
    # The commune never reviews its own; the leader reviews nothing; the outsider sees none.
    for user in (world.hac_thanh_officer, world.th_leader, world.bn_coordinator, world.nobody):
        assert not [t for t in todos(user, today=today) if "thẩm định" in t.label]
