"""A unit's history shows only the units the viewer may see."""

from tests.world import _change


def test_a_commune_split_across_provinces_does_not_reveal_the_neighbour(world, client_for):
    _change(world.old_quang_ngoc, world.luc_nam, partial=True)  # a part went to Bắc Ninh
    page = client_for(world.th_admin).get(world.old_quang_ngoc.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert "Xã Quảng Ngọc" in body and "Xã Quảng Bình" in body
    assert "Lục Nam" not in body
    # Bắc Ninh's coordinator sees the part that came to them, not Thanh Hóa's successors.
    neighbour = client_for(world.bn_coordinator).get(world.luc_nam.get_absolute_url())
    assert "Quảng Bình" not in neighbour.content.decode()


def test_unit_names_read_as_documents_write_them(world):
    assert world.old_tp_thanh_hoa.full_name == "Thành phố Thanh Hóa"
    assert world.hac_thanh.full_name == "Phường Hạc Thành"
