"""Benchmark: load the whole administrative map, then compare subtree queries.

    .venv/bin/python benchmarks/units_subtree.py

Uses DATABASE_URL when it is set (so it runs on PostgreSQL too); otherwise a throwaway
SQLite database in a temporary directory. It times the full load and the idempotent
re-run of ``units_load``, the subtree count of every current province through
``AdministrativeUnit.objects.subtree_of`` against the same count in raw SQL
(``LIKE 'prefix%'``), and a diacritic-insensitive search. The last line is
``RESULT subtree_vs_raw_sql=<ratio>`` (ORM time / raw SQL time).
"""

import statistics
import time

from _django import setup_django

ROUNDS = 20
SEARCHES = ("thanh hoa", "bac ninh", "ho chi minh", "phu", "dak lak")


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def main() -> None:
    engine = setup_django(debug=True)
    from django.db import connection

    from lanhmanh.geography.loading import units_load
    from lanhmanh.geography.models import AdministrativeUnit, Scheme, UnitChange

    print(f"engine: {engine}")
    before = AdministrativeUnit.objects.count()
    load_time, report = timed(lambda: units_load())
    print(f"full load: {load_time:.2f} s ({report.summary()})")
    if before:
        print(f"  (the database already held {before} units: this was not a first load)")
    rerun_time, again = timed(lambda: units_load())
    print(
        f"idempotent re-run: {rerun_time:.2f} s (created {again.created}, "
        f"updated {again.updated}, changes created {again.changes_created})"
    )
    print(f"units: {AdministrativeUnit.objects.count()}, changes: {UnitChange.objects.count()}")

    provinces = list(AdministrativeUnit.objects.filter(scheme=Scheme.CURRENT, level="province"))
    table = AdministrativeUnit._meta.db_table
    raw_sql = f"SELECT COUNT(*) FROM {table} WHERE path LIKE %s"

    def orm_counts():
        return [AdministrativeUnit.objects.subtree_of(p).count() for p in provinces]

    def raw_counts():
        with connection.cursor() as cursor:
            out = []
            for p in provinces:
                cursor.execute(raw_sql, [p.path + "%"])
                out.append(cursor.fetchone()[0])
            return out

    if orm_counts() != raw_counts():
        raise SystemExit("ORM and raw SQL disagree")
    orm_times, raw_times = [], []
    for _ in range(ROUNDS):
        orm_times.append(timed(orm_counts)[0])
        raw_times.append(timed(raw_counts)[0])
    orm, raw = statistics.median(orm_times), statistics.median(raw_times)
    per = 1000 / len(provinces)
    print(
        f"subtree count of {len(provinces)} provinces (median of {ROUNDS} rounds): "
        f"ORM {orm * 1000:.1f} ms ({orm * per:.2f} ms/province), "
        f"raw SQL {raw * 1000:.1f} ms ({raw * per:.2f} ms/province)"
    )

    # A range on the path is what an index can serve whatever LIKE does; it is only
    # correct where the column sorts bytewise (SQLite's BINARY, PostgreSQL's "C").
    range_sql = f"SELECT COUNT(*) FROM {table} WHERE path >= %s AND path < %s"

    def range_counts():
        with connection.cursor() as cursor:
            out = []
            for p in provinces:
                cursor.execute(range_sql, [p.path, p.path[:-1] + "0"])  # '0' follows '/'
                out.append(cursor.fetchone()[0])
            return out

    agrees = range_counts() == raw_counts()
    ranged = statistics.median(timed(range_counts)[0] for _ in range(ROUNDS))
    print(
        f"  for comparison, raw SQL range on path: {ranged * 1000:.1f} ms"
        + ("" if agrees else " (WRONG counts under this collation)")
    )

    sample = provinces[0]
    print(f"plan of subtree_of({sample.path}):")
    for line in AdministrativeUnit.objects.subtree_of(sample).explain().splitlines():
        print(f"  {line}")

    search_times = []
    hits = {}
    for _ in range(ROUNDS):
        for q in SEARCHES:
            elapsed, found = timed(lambda q=q: list(AdministrativeUnit.objects.search(q)))
            search_times.append(elapsed)
            hits[q] = len(found)
    print(
        f"diacritic-insensitive search (median of {len(search_times)}): "
        f"{statistics.median(search_times) * 1000:.1f} ms; hits {hits}"
    )
    print(f"RESULT subtree_vs_raw_sql={orm / raw:.2f}")


if __name__ == "__main__":
    main()
