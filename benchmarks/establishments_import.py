"""Benchmark: import a 10,000-row register of establishments from Excel.

    .venv/bin/python benchmarks/establishments_import.py

Uses DATABASE_URL when it is set (run it on an empty database); otherwise a throwaway
SQLite database in a temporary directory. Loads the units of Thanh Hóa (code 38) with
``units_load(provinces=["38"])``, writes a 10,000-row .xlsx spread over the province's
current communes, then times, through the services the upload page uses:

1. the preview (``establishments_import_parse``: read the file, check every row, look for
   duplicates in the register and in the file; nothing saved to the register);
2. the import (``establishments_import_save``: establishments, their first status and
   their history entries, all or nothing);
3. a second preview of the same file (every row now a duplicate of the register);

and, as a baseline, a raw ``bulk_create`` of the same 10,000 establishments and status
rows with no reading, checking or history. The last line is
``RESULT import_10k_seconds=<preview + import>``.

Django runs as in production (``DEBUG`` off, so no SQL is kept in memory); queries are
counted by a cheap execute wrapper. ``LANHMANH_DEBUG=1`` in the environment measures
the development settings instead.
"""

import io
import time

from _django import setup_django

ROWS = 10_000


def timed(fn):
    """Wall-clock seconds (and, in CPU, this process's CPU seconds: on a shared machine
    the wall clock also measures the neighbours)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    elapsed = time.perf_counter() - started
    LAST_CPU[0] = time.process_time() - cpu
    return elapsed, result


LAST_CPU = [0.0]
QUERIES = [0]


def count_queries(execute, sql, params, many, context):
    QUERIES[0] += 1
    return execute(sql, params, many, context)


def register_xlsx(communes, types) -> bytes:
    import random

    from openpyxl import Workbook

    from lanhmanh.inspections.importing import COLUMNS

    rng = random.Random(10_000)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Cơ sở")
    sheet.append([str(c.header) for c in COLUMNS])
    for i in range(ROWS):
        commune = communes[i % len(communes)]
        kind = rng.choice(types)
        sheet.append(
            [
                f"{kind.name} số {i + 1}",
                kind.name,
                f"{rng.randint(1, 500)} đường {rng.randint(1, 60)}, thôn {i}",
                commune.full_name if i % 2 else commune.code,
                f"38{i:08d}",
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2010, 2024)}",
                "Nguyễn Văn Chủ",
                f"09{rng.randint(10_000_000, 99_999_999)}",
                "Đang hoạt động",
                rng.choice(["Thấp", "Trung bình", "Cao"]),
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> None:
    engine = setup_django(debug=False)
    from django.conf import settings
    from django.db import connection

    from lanhmanh.geography.loading import units_load
    from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
    from lanhmanh.inspections.importing import (
        establishments_import_parse,
        establishments_import_save,
        import_counts,
    )
    from lanhmanh.inspections.models import (
        BusinessType,
        Establishment,
        EstablishmentStatusChange,
    )

    connection.execute_wrappers.append(count_queries)
    print(f"engine: {engine}, DEBUG={settings.DEBUG}")
    load_time, _ = timed(lambda: units_load(provinces=["38"]))
    province = AdministrativeUnit.objects.get(
        scheme=Scheme.CURRENT, level=Level.PROVINCE, code="38"
    )
    communes = list(
        AdministrativeUnit.objects.subtree_of(province).current().filter(level=Level.COMMUNE)
    )
    types = list(BusinessType.objects.exclude(code="other"))
    print(f"units of province 38 loaded in {load_time:.1f} s; {len(communes)} communes")
    build_time, content = timed(lambda: register_xlsx(communes, types))
    print(f"wrote a {ROWS:,}-row register: {len(content) / 1e6:.2f} MB in {build_time:.1f} s")

    def parse():
        return establishments_import_parse(
            content=content, file_name="register.xlsx", unit=province, by=None
        )

    queries_before = QUERIES[0]
    preview_time, import_ = timed(parse)
    good, bad = import_counts(import_)
    if bad or import_.file_errors:
        raise SystemExit(f"unexpected errors: {bad} rows, {import_.file_errors}")
    preview_cpu = LAST_CPU[0]
    print(f"preview: {preview_time:.2f} s, CPU {preview_cpu:.2f} s ({good:,} rows clean)")
    save_time, saved = timed(lambda: establishments_import_save(import_=import_, by=None))
    save_cpu = LAST_CPU[0]
    print(
        f"import: {save_time:.2f} s, CPU {save_cpu:.2f} s ({saved:,} establishments, "
        f"{EstablishmentStatusChange.objects.count():,} status rows, history entries)"
    )
    print(f"  queries for preview and import: {QUERIES[0] - queries_before}")
    again_time, again = timed(parse)
    duplicates = import_counts(again)[1]
    print(
        f"second preview of the same file: {again_time:.2f} s, CPU {LAST_CPU[0]:.2f} s "
        f"({duplicates:,} duplicates found)"
    )

    # Baseline: the same rows straight into the tables, no reading, checking or history.
    rows = [dict(r["data"]) for r in import_.rows]
    Establishment.objects.all().delete()

    import datetime

    from django.utils import timezone

    TODAY = timezone.localdate()

    def raw_insert():
        objs = []
        for data in rows:
            day = (
                datetime.date.fromisoformat(data.pop("licence_date"))
                if data["licence_date"]
                else None
            )
            e = Establishment(**data, licence_date=day, status_since=day or TODAY)
            e.fill_keys()
            objs.append(e)
        created = Establishment.objects.bulk_create(objs, batch_size=1000)
        EstablishmentStatusChange.objects.bulk_create(
            (
                EstablishmentStatusChange(establishment=e, status=e.status, since=e.status_since)
                for e in created
            ),
            batch_size=1000,
        )

    from django.db import transaction

    baseline, _ = timed(lambda: transaction.atomic()(raw_insert)())
    total = preview_time + save_time
    print(f"baseline, raw bulk insert of the same rows: {baseline:.2f} s, CPU {LAST_CPU[0]:.2f} s")
    print(
        f"preview + import: {total:.2f} s (CPU {preview_cpu + save_cpu:.2f} s) = "
        f"{total / baseline:.1f}× the raw insert"
    )
    print(f"RESULT import_10k_seconds={total:.2f}")


if __name__ == "__main__":
    main()
