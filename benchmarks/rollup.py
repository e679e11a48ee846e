"""Benchmark: the national roll-up of every indicator for one year, through the system's
own code, against a hand-written SQL aggregate over the same tables in the same run.

    .venv/bin/python benchmarks/rollup.py                  # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/rollup.py --engines sqlite
    .venv/bin/python benchmarks/rollup.py --engines sqlite --db /tmp/national.sqlite3
    DATABASE_URL=postgres://USER@HOST:PORT/DB .venv/bin/python benchmarks/rollup.py \
        --engines postgresql

With ``--db`` the SQLite data set is generated into that file and kept; with DATABASE_URL
the PostgreSQL one stays in that database. A later run finds the data set there and only
measures (generation takes minutes: about 5.4 million figures).

For each engine it generates the national data set (``benchmarks/national_dataset.py``:
the whole map, a form with every entered indicator, 5 years of approved monthly reports of
all 3,321 communes) into a throwaway database — a temporary SQLite file, or a throwaway
PostgreSQL cluster started on a free port from 55450 to 55459 and removed afterwards (when
DATABASE_URL is set, that database is used instead) — then times, median of several
rounds:

- ``indicator_values(every entered indicator, the nation, the year 2025's window)``: the
  nation is the root of today's map (path '2025/'), and through ``rollup_paths`` the
  figures of every unit merged into it (the pre-2025 provinces) count too;
- a hand-written SQL query with the same meaning (statuses, window, total figures,
  counts and ratios summed, stocks taken at each unit's last period), over the same rows,
  in two forms: one pass with a window function over every figure, and split in two
  aggregates (flows; stocks through the window function) over the units resolved from
  their paths; the baseline of each engine is the faster of the two;
- with ``--by-province``, for information, the same figures through ``indicator_values``
  province by province (34 calls: each scans the year's rows again).

All answers are checked equal before timing. Each engine runs in its own process (Django
is configured once per process). The last line is
``RESULT rollup_vs_raw_sql=<ratio>``, the larger ratio of the engines measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 3
YEAR = 2025
PG_PORTS = range(55450, 55460)

RAW_SQL = """
SELECT indicator_id, SUM(numerator), SUM(denominator),
       SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END)
FROM (
    SELECT v.indicator_id, v.numerator, v.denominator, s.status, s.period_end, i.aggregation,
           MAX(s.period_end) OVER (PARTITION BY v.indicator_id, s.unit_id) AS last_end
    FROM reporting_submissionvalue v
    JOIN reporting_submission s ON s.id = v.submission_id
    JOIN geography_administrativeunit u ON u.id = s.unit_id
    JOIN indicators_indicator i ON i.id = v.indicator_id
    WHERE s.status IN ('approved', 'submitted')
      AND s.period_start >= %s AND s.period_end <= %s
      AND v.disaggregation = ''
      AND i.source = 'entered'
      AND (u.path LIKE '2025/%%' OR u.path LIKE '2004/%%')
) figures
WHERE aggregation <> 'last' OR period_end = last_end
GROUP BY indicator_id
"""


# The same question in two aggregates: flows summed directly, stocks through the window
# function over the stock figures only, the units resolved once from their paths. Faster
# than the one-pass form on PostgreSQL, slower on SQLite: each engine is compared with the
# faster of the two hand-written forms.
RAW_SQL_SPLIT = """
SELECT v.indicator_id, SUM(v.numerator), SUM(v.denominator),
       SUM(CASE WHEN s.status = 'submitted' THEN 1 ELSE 0 END)
FROM reporting_submissionvalue v
JOIN reporting_submission s ON s.id = v.submission_id
WHERE s.status IN ('approved', 'submitted')
  AND s.period_start >= %(start)s AND s.period_end <= %(end)s
  AND v.disaggregation = ''
  AND v.indicator_id IN (SELECT id FROM indicators_indicator
                         WHERE source = 'entered' AND aggregation <> 'last')
  AND s.unit_id IN (SELECT id FROM geography_administrativeunit
                    WHERE path LIKE '2025/%%' OR path LIKE '2004/%%')
GROUP BY v.indicator_id
UNION ALL
SELECT indicator_id, SUM(numerator), SUM(denominator),
       SUM(CASE WHEN status = 'submitted' THEN 1 ELSE 0 END)
FROM (
    SELECT v.indicator_id, v.numerator, v.denominator, s.status, s.period_end,
           MAX(s.period_end) OVER (PARTITION BY v.indicator_id, s.unit_id) AS last_end
    FROM reporting_submissionvalue v
    JOIN reporting_submission s ON s.id = v.submission_id
    WHERE s.status IN ('approved', 'submitted')
      AND s.period_start >= %(start)s AND s.period_end <= %(end)s
      AND v.disaggregation = ''
      AND v.indicator_id IN (SELECT id FROM indicators_indicator
                             WHERE source = 'entered' AND aggregation = 'last')
      AND s.unit_id IN (SELECT id FROM geography_administrativeunit
                        WHERE (path LIKE '2025/%%' OR path LIKE '2004/%%')
                          AND (valid_to IS NULL OR valid_to >= %(end)s))
) stocks
WHERE period_end = last_end
GROUP BY indicator_id
"""

RAW_FORMS = {
    "one pass": (RAW_SQL, lambda w: [w.start, w.end]),
    "split": (RAW_SQL_SPLIT, lambda w: {"start": w.start, "end": w.end}),
}


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def measure(
    indicators: int | None, years: int, provinces_too: bool, sqlite_file: str | None = None
) -> dict:
    """Generate (or reuse) and time in this process, on DATABASE_URL, on ``sqlite_file``
    (kept) or on a throwaway SQLite file."""
    sys.path.insert(0, str(HERE))
    import national_dataset

    engine = national_dataset.setup_django(sqlite_file)
    print(f"engine: {engine}", flush=True)
    data = national_dataset.generate(
        years=years, last_year=YEAR, indicators=indicators, progress=lambda _line: None
    )
    print(
        f"{'reused' if data.reused else 'generated'} {data.communes} communes × "
        f"{data.months} months × {len(data.indicators)} indicators: {data.submissions} "
        f"submissions, {data.values} figures in {data.seconds:.0f} s",
        flush=True,
    )
    from decimal import Decimal

    from django.db import connection

    from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
    from lanhmanh.indicators.values import indicator_values
    from lanhmanh.reporting.periods import year_period

    window = year_period(YEAR).window
    indicators_rows = data.indicators
    nation = AdministrativeUnit(scheme=Scheme.CURRENT, code="", name="", path=f"{Scheme.CURRENT}/")
    provinces = list(
        AdministrativeUnit.objects.filter(
            scheme=Scheme.CURRENT, level=Level.PROVINCE, valid_to__isnull=True
        )
    )

    def through_the_system():
        return indicator_values(indicators_rows, nation, window)

    def raw_sql(form="one pass"):
        sql, params = RAW_FORMS[form]
        with connection.cursor() as cursor:
            cursor.execute(sql, params(window))
            return cursor.fetchall()

    def by_province():
        total = {}
        for province in provinces:
            for code, value in indicator_values(indicators_rows, province, window).items():
                total[code] = total[code] + value if code in total else value
        return total

    system = through_the_system()
    by_id = {i.pk: i for i in indicators_rows}
    raw = {by_id[row[0]].code: row for row in raw_sql()}
    split = {by_id[row[0]].code: row for row in raw_sql("split")}
    if sorted(split.items()) != sorted(raw.items()):
        raise SystemExit("the two hand-written forms disagree")
    provincial = by_province() if provinces_too else system
    for indicator in indicators_rows:
        value, row = system[indicator.code], raw[indicator.code]
        expected_den = Decimal(row[2]) if indicator.is_ratio else None
        if value.numerator != Decimal(row[1]) or value.denominator != expected_den:
            raise SystemExit(f"{indicator.code}: the system says {value}, raw SQL {row}")
        if provincial[indicator.code].numerator != value.numerator:
            raise SystemExit(f"{indicator.code}: provinces do not add up to the nation")

    system_times, province_times = [], []
    raw_times: dict[str, list[float]] = {form: [] for form in RAW_FORMS}
    for _ in range(ROUNDS):
        system_times.append(timed(through_the_system)[0])
        for form in RAW_FORMS:
            raw_times[form].append(timed(lambda form=form: raw_sql(form))[0])
    if provinces_too:
        province_times.append(timed(by_province)[0])
    result = {
        "engine": engine,
        "indicators": len(indicators_rows),
        "values": data.values,
        "generation_s": round(data.seconds, 1),
        "reused": data.reused,
        "system_ms": round(statistics.median(system_times) * 1000, 1),
        "raw_forms_ms": {
            form: round(statistics.median(times) * 1000, 1) for form, times in raw_times.items()
        },
        "provinces_ms": round(statistics.median(province_times) * 1000, 1)
        if province_times
        else None,
    }
    # The baseline is the faster hand-written form on this engine.
    result["raw_form"], result["raw_ms"] = min(result["raw_forms_ms"].items(), key=lambda i: i[1])
    result["ratio"] = round(result["system_ms"] / result["raw_ms"], 2)
    print(
        f"national roll-up of {len(indicators_rows)} indicators for {YEAR} (median of "
        f"{ROUNDS}): indicator_values {result['system_ms']} ms, raw SQL "
        + ", ".join(f"{form} {ms} ms" for form, ms in result["raw_forms_ms"].items())
        + f"; ratio {result['ratio']} (against {result['raw_form']})"
        + (
            f"; province by province (34 calls) {result['provinces_ms']} ms"
            if provinces_too
            else ""
        ),
        flush=True,
    )
    return result


# --- throwaway PostgreSQL -------------------------------------------------------------------


def _free_port() -> int:
    for port in PG_PORTS:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("no free port in 55450-55459")


def _pg_bin() -> Path:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if candidates:
        return candidates[-1].parent
    found = shutil.which("initdb")
    if not found:
        raise SystemExit("PostgreSQL's initdb was not found")
    return Path(found).resolve().parent


class ThrowawayPostgres:
    """A cluster in a temporary directory, owned by the 'postgres' user when run as root,
    listening on 127.0.0.1 only, durability off; removed on exit."""

    def __enter__(self) -> str:
        self.dir = Path(tempfile.mkdtemp(prefix="lanhmanh-pg-"))
        self.data = self.dir / "data"
        self.bin = _pg_bin()
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, user="postgres")  # the server may not run as root
            self.as_user = ["runuser", "-u", "postgres", "--"]
        run = self._run
        run(
            "initdb",
            "-D",
            str(self.data),
            "-E",
            "UTF8",
            "-U",
            "postgres",
            "--locale=C.UTF-8",
            "--auth-local=trust",
            "--auth-host=trust",
        )
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB "
            "-c work_mem=64MB"
        )
        run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-o",
            options,
            "start",
        )
        run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "bench")
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - PostgreSQL's own programs, fixed arguments
            [*self.as_user, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def __exit__(self, *exc) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def run_engine(
    engine: str, indicators: int | None, years: int, by_province: bool, sqlite_file: str | None
) -> dict:
    env = dict(os.environ)
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "--years", str(years)]
    if indicators:
        command += ["--indicators", str(indicators)]
    if sqlite_file and engine == "sqlite":
        command += ["--db", sqlite_file]
    if by_province:
        command.append("--by-province")

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
    parser.add_argument("--indicators", type=int, default=None)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--by-province", action="store_true", help="also time the 34 provinces one by one"
    )
    parser.add_argument(
        "--db",
        default=None,
        help="SQLite file to generate the data set into and keep; reused when it holds it",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.indicators, args.years, args.by_province, args.db)))
        return
    results = []
    for engine in args.engines.split(","):
        print(f"== {engine}", flush=True)
        results.append(
            run_engine(engine.strip(), args.indicators, args.years, args.by_province, args.db)
        )
    for r in results:
        print(
            f"{r['engine']}: {r['values']} figures ({r['indicators']} indicators) "
            + ("reused" if r.get("reused") else f"generated in {r['generation_s']} s")
            + f"; roll-up {r['system_ms']} ms vs raw SQL ({r['raw_form']}) {r['raw_ms']} ms "
            f"= {r['ratio']}"
            + (f"; by province {r['provinces_ms']} ms" if r["provinces_ms"] else "")
        )
    print(f"RESULT rollup_vs_raw_sql={max(r['ratio'] for r in results):.2f}")


if __name__ == "__main__":
    main()
