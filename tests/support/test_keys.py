"""Identifying details at rest: unreadable in the database file and in a dump without the
key, re-encrypted by the rotation, and no production start without a key."""

import sqlite3

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from lanhmanh.support.crypto import UNREADABLE
from lanhmanh.support.models import ClientIdentity, SupportClient
from lanhmanh.support.services.keys import field_keys_rotate
from tests.test_deploy_settings import manage, production_env  # noqa: F401 - fixture

from .conftest import open_case

NAME = "Trần Thị Mây Giả"
PHONE = "0900000001"
MISSING_KEYS = (
    "LANHMANH_FIELD_KEYS (or LANHMANH_FIELD_KEYS_FILE) must be set outside development"
    " (LANHMANH_DEBUG=1)."
)


def raw_identity(client_pk) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, phone FROM support_clientidentity WHERE client_id = %s",
            [client_pk],
        )
        return cursor.fetchone()


def _rows_as_sql():
    """Every row of every table, as SQLite statements of one text column per table."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the database
            yield f'CREATE TABLE IF NOT EXISTS "t_{table}" (row TEXT);'
            for row in cursor.fetchall():
                text = repr(row).replace("'", "''")
                yield f"INSERT INTO \"t_{table}\" VALUES ('{text}');"  # noqa: S608 - a test's own dump


@pytest.mark.django_db
def test_the_database_file_holds_no_name(world, sup, tmp_path):
    # The test database lives in memory (SQLite) or in a server (PostgreSQL): every row it
    # holds is written to a database file of its own, and that file's bytes are read.
    if connection.vendor == "sqlite":
        dump = "\n".join(connection.connection.iterdump())
    else:
        dump = "\n".join(_rows_as_sql())
    path = tmp_path / "copy.sqlite3"
    target = sqlite3.connect(path)
    target.executescript(dump)
    target.close()
    data = path.read_bytes()
    assert NAME not in dump and PHONE not in dump
    assert NAME.encode() not in data and PHONE.encode() not in data
    assert "Phòng khám Bình An".encode() in data  # the registers are in clear: the read works


@pytest.mark.django_db
def test_a_row_read_without_the_key_is_ciphertext(world, sup):
    full_name, phone = raw_identity(sup.case.pk)
    assert full_name.startswith("gAAAA") and NAME not in full_name and PHONE not in phone
    assert ClientIdentity.objects.get(client=sup.case).full_name == NAME


@pytest.mark.django_db
def test_a_sql_dump_holds_no_name(world, sup):
    """What the database's own dump tools see: every row of every support table."""
    tables = [t for t in connection.introspection.table_names() if t.startswith("support_")]
    dump = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump.append(repr(cursor.fetchall()))
    text = "\n".join(dump)
    assert NAME not in text and PHONE not in text and "Cán bộ Một" not in text
    assert "sex_worker" in text


@pytest.mark.django_db
def test_the_rotation_re_encrypts_every_row_with_the_new_key(world, sup, settings):
    old = settings.FIELD_KEYS[0]
    before = raw_identity(sup.case.pk)
    digest_before = SupportClient.objects.get(pk=sup.case.pk).uic_digest
    new = Fernet.generate_key().decode()
    settings.FIELD_KEYS = [new, old]

    result = field_keys_rotate()

    assert result.rows >= 2 and result.unreadable == 0
    after = raw_identity(sup.case.pk)
    assert after != before
    assert Fernet(new.encode()).decrypt(after[0].encode()).decode() == NAME
    assert SupportClient.objects.get(pk=sup.case.pk).uic_digest != digest_before
    # Without the old key everything still reads, and the same answers still match.
    settings.FIELD_KEYS = [new]
    assert ClientIdentity.objects.get(client=sup.case).full_name == NAME
    from lanhmanh.support.services.cases import DuplicateCode

    with pytest.raises(DuplicateCode):
        open_case(world, sup, duplicate=None)


@pytest.mark.django_db
def test_a_row_under_an_unknown_key_says_so(world, sup, settings):
    settings.FIELD_KEYS = [Fernet.generate_key().decode()]
    assert ClientIdentity.objects.get(client=sup.case).full_name == UNREADABLE


def test_production_refuses_to_start_without_a_field_key(production_env):  # noqa: F811
    del production_env["LANHMANH_FIELD_KEYS"]
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert MISSING_KEYS in result.stderr


def test_production_refuses_a_key_that_is_not_one(production_env):  # noqa: F811
    production_env["LANHMANH_FIELD_KEYS"] = "not-a-key"
    result = manage(production_env, "check")
    assert result.returncode != 0
    assert "support.E001" in result.stderr


@pytest.mark.django_db
def test_the_rotation_command_says_what_it_did(world, sup, settings):
    import io

    from django.core.management import call_command

    settings.FIELD_KEYS = [Fernet.generate_key().decode(), settings.FIELD_KEYS[0]]
    out = io.StringIO()
    call_command("rotate_field_keys", stdout=out)
    assert "Đã mã hóa lại" in out.getvalue()
    settings.FIELD_KEYS = settings.FIELD_KEYS[:1]
    assert ClientIdentity.objects.get(client=sup.case).phone == PHONE


@pytest.mark.django_db
def test_the_anonymisation_command_counts_before_it_acts(world, sup):
    import io

    from django.core.management import call_command

    from lanhmanh.support import services

    services.case_close(
        client=sup.case, by=world.th_social, closed_on=sup.case.opened_on, reason="moved"
    )
    out = io.StringIO()
    call_command("anonymise_cases", "--years", "0", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ca")
    assert ClientIdentity.objects.filter(client=sup.case).exists()
