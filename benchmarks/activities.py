"""Benchmark: the activity indicators over a national year, against hand-written SQL.

    .venv/bin/python benchmarks/activities.py                     # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/activities.py --engines sqlite
    .venv/bin/python benchmarks/activities.py --engines sqlite --db /tmp/activities.sqlite3

Loads the administrative map, records one awareness activity a week in every current
commune for a year (about 172,000 activities, with participants by sex and a cost), then
times the national figures of four registered computations — awareness activities held,
people reached, communes with an activity (a count of a count) and spending — against
hand-written SQL over the same rows (one query per figure, as each computation answers
one), after checking that both give the same numbers. PostgreSQL runs in a throwaway
cluster (see rollup.py) unless DATABASE_URL names one. The last line is
``RESULT activities_vs_raw_sql=<ratio>``: the system's time over the raw SQL's, the
larger of the engines measured.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROUNDS = 5
YEAR = 2026
CODES = [
    "activities_awareness_held",
    "activities_awareness_reached",
    "communes_with_awareness_activity",
    "activities_spending",
]


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def generate(rng) -> int:
    from lanhmanh.activities.models import Activity, ActivityKind, Channel
    from lanhmanh.geography.models import AdministrativeUnit, Level

    if Activity.objects.exists():
        return Activity.objects.count()
    kinds = list(ActivityKind.objects.filter(group="awareness"))
    communes = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.COMMUNE)
        .values_list("pk", flat=True)
    )
    start = datetime.date(YEAR, 1, 1)
    batch: list[Activity] = []
    total = 0
    for week in range(52):
        for unit_id in communes:
            day = start + datetime.timedelta(days=7 * week + rng.randint(0, 6))
            people = rng.randint(10, 120)
            male = people * rng.randint(30, 60) // 100
            batch.append(
                Activity(
                    kind=rng.choice(kinds),
                    title="Tuyên truyền",
                    start_date=day,
                    end_date=day,
                    unit_id=unit_id,
                    channel=Channel.IN_PERSON,
                    participants=people,
                    participants_male=male,
                    participants_female=people - male,
                    cost=Decimal(rng.choice([0, 200_000, 500_000])),
                    fund_source="state",
                )
            )
        if len(batch) >= 20_000:
            Activity.objects.bulk_create(batch, batch_size=2_000)
            total += len(batch)
            batch = []
    Activity.objects.bulk_create(batch, batch_size=2_000)
    return total + len(batch)


def measure(sqlite_file: str | None) -> dict:
    from _django import setup_django

    engine = setup_django(debug=False, sqlite_file=sqlite_file)
    from django.db import connection

    from lanhmanh.activities.models import Activity, ActivityKind
    from lanhmanh.geography.loading import units_load
    from lanhmanh.geography.models import AdministrativeUnit, Level
    from lanhmanh.indicators.registry import Window, computation

    if not AdministrativeUnit.objects.exists():
        units_load()
    generated_s, count = timed(lambda: generate(random.Random(YEAR)))
    provinces = [p.path for p in AdministrativeUnit.objects.current().filter(level=Level.PROVINCE)]
    window = Window(datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))

    def through_the_system():
        out = []
        for code in CODES:
            value = computation(code)(paths=provinces, window=window)
            out.append((int(value.numerator), int(value.denominator or 0)))
        return out

    a, k, u = (
        Activity._meta.db_table,
        ActivityKind._meta.db_table,
        AdministrativeUnit._meta.db_table,
    )
    under = " OR ".join(["u.path LIKE %s"] * len(provinces))
    like = [p + "%" for p in provinces]
    awareness = (
        f"FROM {a} a JOIN {k} k ON k.id = a.kind_id JOIN {u} u ON u.id = a.unit_id "
        f"WHERE k.\"group\" = 'awareness' AND a.start_date BETWEEN %s AND %s AND ({under})"
    )
    existing = (
        "(u.valid_from IS NULL OR u.valid_from <= %s) AND (u.valid_to IS NULL OR u.valid_to >= %s)"
    )
    queries = [
        (f"SELECT COUNT(*) {awareness}", [window.start, window.end, *like]),
        (f"SELECT COALESCE(SUM(a.participants), 0) {awareness}", [window.start, window.end, *like]),
        (
            f"SELECT COUNT(DISTINCT a.unit_id) {awareness} AND u.level = 'commune' AND {existing}",
            [window.start, window.end, *like, window.end, window.end],
        ),
        (
            f"SELECT COUNT(*) FROM {u} u WHERE u.level = 'commune' AND ({under}) AND {existing}",
            [*like, window.end, window.end],
        ),
        (
            f"SELECT COALESCE(SUM(a.cost), 0) FROM {a} a JOIN {u} u ON u.id = a.unit_id "
            f"WHERE a.start_date BETWEEN %s AND %s AND ({under})",
            [window.start, window.end, *like],
        ),
    ]

    def raw_sql():
        # One query per figure, as each registered computation answers one figure.
        with connection.cursor() as cursor:
            found = []
            for sql, params in queries:
                cursor.execute(sql, params)
                found.append(int(cursor.fetchone()[0]))
        n, people, reached, all_communes, cost = found
        return [(n, 0), (people, 0), (reached, all_communes), (cost, 0)]

    system, raw = through_the_system(), raw_sql()
    if system != raw:
        raise SystemExit(f"the system and the raw SQL disagree: {system} != {raw}")
    system_times, raw_times = [], []
    for _ in range(ROUNDS):
        system_times.append(timed(through_the_system)[0])
        raw_times.append(timed(raw_sql)[0])
    s, r = statistics.median(system_times), statistics.median(raw_times)
    print(f"{engine}: {count} activities ({generated_s:.1f} s to generate); figures {system}")
    return {
        "engine": engine,
        "activities": count,
        "system_ms": round(s * 1000, 1),
        "raw_ms": round(r * 1000, 1),
        "ratio": round(s / r, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--db", default=None, help="SQLite file to generate the activities into and keep"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.db)))
        return
    from rollup import ThrowawayPostgres

    results = []
    for engine in args.engines.split(","):
        env = dict(os.environ)
        command = [sys.executable, str(Path(__file__).resolve()), "--measure"]

        def child(url, env=env, command=command):
            if url:
                env["DATABASE_URL"] = url
            else:
                env.pop("DATABASE_URL", None)
            out = subprocess.run(  # noqa: S603 - this script itself
                command, env=env, check=True, stdout=subprocess.PIPE, text=True
            )
            lines = out.stdout.strip().splitlines()
            for line in lines[:-1]:
                print(f"  {line}", flush=True)
            return json.loads(lines[-1])

        print(f"== {engine}", flush=True)
        if engine.strip() == "sqlite":
            if args.db:
                command.extend(["--db", args.db])
            results.append(child(None))
        elif os.environ.get("DATABASE_URL", "").startswith("postgres"):
            results.append(child(os.environ["DATABASE_URL"]))
        else:
            with ThrowawayPostgres() as url:
                results.append(child(url))
    for r in results:
        print(
            f"{r['engine']}: {r['activities']} activities; four national figures "
            f"{r['system_ms']} ms through the system vs {r['raw_ms']} ms raw SQL = {r['ratio']}"
        )
    print(f"RESULT activities_vs_raw_sql={max(r['ratio'] for r in results):.2f}")


if __name__ == "__main__":
    main()
