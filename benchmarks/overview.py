"""Benchmark: the overview of the nation, a province and a commune on the national data
set, and the overview's national roll-up against a hand-written SQL scan of the same figures.

    .venv/bin/python benchmarks/overview.py                   # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/overview.py --engines sqlite --db /tmp/national.sqlite3
    DATABASE_URL=postgres://USER@HOST:PORT/DB .venv/bin/python benchmarks/overview.py \\
        --engines postgresql

The data set is that of ``benchmarks/rollup.py`` (``national_dataset.generate``: the whole
map, 5 years of approved monthly reports of all 3,321 communes), generated into a throwaway
database (a temporary SQLite file, or a throwaway PostgreSQL cluster) or reused from
``--db`` / DATABASE_URL. Its reports are written in bulk, past the approve service, so the
approved totals are rebuilt once (``totals_rebuild``, timed) when they do not match.

Timed, median of several rounds:

- the overview's national roll-up: the monthly figures of the key indicators for the last
  year of the data set and the year before (``overview.selectors.trends``), read from the
  approved totals;
- the same figures by a hand-written SQL scan of the approved figures (the submissions of
  every unit of both maps, grouped by indicator and period);
- for information, the whole overview (targets, trends, coverage and ranking of the child
  units, map) of the nation, of a province and of a commune.

Both answers are checked equal before timing. The last line is
``RESULT overview_vs_raw_sql=<overview roll-up / hand-written scan>``, the larger of the
engines measured.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 5
YEAR = 2025

RAW_SQL = """
SELECT v.indicator_id, s.period_start, s.period_end, SUM(v.numerator)
FROM reporting_submissionvalue v
JOIN reporting_submission s ON s.id = v.submission_id
WHERE s.status = 'approved'
  AND v.disaggregation = ''
  AND s.period_start >= %(start)s AND s.period_end <= %(end)s
  AND v.indicator_id IN ({ids})
  AND s.unit_id IN (SELECT id FROM geography_administrativeunit
                    WHERE path LIKE '2025/%%' OR path LIKE '2004/%%')
GROUP BY v.indicator_id, s.period_start, s.period_end
"""


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def median_ms(fn, rounds: int = ROUNDS) -> float:
    return round(statistics.median(timed(fn) for _ in range(rounds)) * 1000, 1)


def measure(years: int, sqlite_file: str | None) -> dict:
    sys.path.insert(0, str(HERE))
    import national_dataset

    engine = national_dataset.setup_django(sqlite_file)
    print(f"engine: {engine}", flush=True)
    data = national_dataset.generate(years=years, last_year=YEAR, progress=lambda _l: None)
    print(
        f"{'reused' if data.reused else 'generated'} {data.communes} communes × "
        f"{data.months} months × {len(data.indicators)} indicators: {data.submissions} "
        f"submissions, {data.values} figures in {data.seconds:.0f} s",
        flush=True,
    )
    from decimal import Decimal

    from django.db import connection
    from django.db.models import Sum

    from lanhmanh.accounts.models import User
    from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
    from lanhmanh.indicators.registry import Window
    from lanhmanh.overview.selectors import key_indicators, nation, overview, trends
    from lanhmanh.reporting.models import Status, SubmissionValue
    from lanhmanh.reporting.periods import months_window
    from lanhmanh.reporting.totals import totals_rebuild
    from lanhmanh.reporting.totals_models import ApprovedTotal

    user, _ = User.objects.get_or_create(
        username="bench_overview", defaults={"is_superuser": True, "is_staff": True}
    )
    # The totals are current when the nation's row sums to the approved figures' sum.
    approved = SubmissionValue.objects.filter(
        submission__status=Status.APPROVED, disaggregation=""
    ).aggregate(n=Sum("numerator"))["n"] or Decimal(0)
    kept = ApprovedTotal.objects.filter(path="2025/").aggregate(n=Sum("numerator"))["n"]
    rebuild_s = None
    if (kept or Decimal(0)) + (
        ApprovedTotal.objects.filter(path="2004/").aggregate(n=Sum("numerator"))["n"] or 0
    ) != approved:
        started = time.perf_counter()
        rows = totals_rebuild()
        rebuild_s = round(time.perf_counter() - started, 1)
        print(f"approved totals rebuilt: {rows} rows in {rebuild_s} s", flush=True)
    print(f"approved totals: {ApprovedTotal.objects.count()} rows", flush=True)

    indicators = key_indicators(user)
    root = nation()
    window = Window(months_window(YEAR - 1, 1, 12).start, months_window(YEAR, 1, 12).end)
    sql = RAW_SQL.format(ids=", ".join(str(i.pk) for i in indicators))

    def system():
        return trends(user, root, YEAR, "month")

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, {"start": window.start, "end": window.end})
            return cursor.fetchall()

    # Same answer: every indicator's monthly figure of both years.
    expected: dict[tuple, Decimal] = {}
    for indicator_id, _start, end, total in raw():
        if isinstance(end, str):  # SQLite returns dates as text through the raw cursor
            end = datetime.date.fromisoformat(end)
        key = (indicator_id, end.year, end.month)
        expected[key] = expected.get(key, Decimal(0)) + Decimal(total)
    found = {}
    for trend in system():
        s = trend.series
        for month, (previous, current) in enumerate(
            zip(s.previous, s.current, strict=True), start=1
        ):
            for year, value in ((s.previous_year, previous), (s.current_year, current)):
                if value:
                    found[trend.indicator.pk, year, month] = value
    if found != expected:
        raise SystemExit(f"the overview and the scan disagree: {found} != {expected}")
    print(f"{len(indicators)} key indicators × 24 months checked equal", flush=True)

    system_ms = median_ms(system)
    raw_ms = median_ms(raw)
    province = AdministrativeUnit.objects.get(
        scheme=Scheme.CURRENT, level=Level.PROVINCE, code="38", valid_to__isnull=True
    )
    commune = (
        AdministrativeUnit.objects.filter(
            scheme=Scheme.CURRENT, level=Level.COMMUNE, valid_to__isnull=True, parent=province
        )
        .order_by("path")
        .first()
    )
    today = datetime.date(YEAR, 12, 15)
    pages = {
        name: median_ms(lambda unit=unit: overview(user, unit, today=today), rounds=3)
        for name, unit in (("nation", root), ("province", province), ("commune", commune))
    }
    result = {
        "engine": engine,
        "values": data.values,
        "reused": data.reused,
        "generation_s": round(data.seconds, 1),
        "rebuild_s": rebuild_s,
        "totals_rows": ApprovedTotal.objects.count(),
        "system_ms": system_ms,
        "raw_ms": raw_ms,
        "pages_ms": pages,
        "ratio": round(system_ms / raw_ms, 3),
    }
    print(
        f"national roll-up of {len(indicators)} key indicators × 24 months (median of "
        f"{ROUNDS}): overview {system_ms} ms, hand-written scan {raw_ms} ms; ratio "
        f"{result['ratio']}; whole overview: " + ", ".join(f"{k} {v} ms" for k, v in pages.items()),
        flush=True,
    )
    return result


def run_engine(engine: str, years: int, sqlite_file: str | None) -> dict:
    sys.path.insert(0, str(HERE))
    from rollup import ThrowawayPostgres

    env = dict(os.environ)
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "--years", str(years)]
    if sqlite_file and engine == "sqlite":
        command += ["--db", sqlite_file]

    def child(url: str | None) -> dict:
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

    if engine == "sqlite":
        return child(None)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return child(os.environ["DATABASE_URL"])
    with ThrowawayPostgres() as url:
        return child(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--db", default=None, help="SQLite file holding (or to hold) the national data set"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.years, args.db)))
        return
    results = []
    for engine in args.engines.split(","):
        print(f"== {engine}", flush=True)
        results.append(run_engine(engine.strip(), args.years, args.db))
    for r in results:
        print(
            f"{r['engine']}: {r['values']} figures; overview roll-up {r['system_ms']} ms vs "
            f"hand-written scan {r['raw_ms']} ms = {r['ratio']}; whole overview "
            + ", ".join(f"{k} {v} ms" for k, v in r["pages_ms"].items())
        )
    print(f"RESULT overview_vs_raw_sql={max(r['ratio'] for r in results):.3f}")


if __name__ == "__main__":
    main()
