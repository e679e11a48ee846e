"""A national-scale reporting data set, for benchmarks: generated into a throwaway database.

    .venv/bin/python benchmarks/national_dataset.py [--years 5] [--last-year 2025]
                                                    [--indicators N] [--db FILE]

Uses DATABASE_URL when it is set (PostgreSQL), otherwise a SQLite database: the file given
with ``--db`` (kept), or a throwaway one in a temporary directory (removed at exit: the
command then only reports how long generation took; ``benchmarks/rollup.py`` generates and
measures in the same process).

A database that already holds the data set asked for (same form, indicators, months and
communes, all submissions present) is reused as it is: generate once into a kept SQLite
file or a PostgreSQL database of your own, then measure as often as needed. A database
with a partial or different data set is refused (start again with an empty one).

It writes:

- the whole administrative map through ``units_load()`` (34 provinces and 3,321 communes of
  today, the pre-2025 map and its 11,314 changes);
- one monthly commune report form listing every ``entered`` indicator of the catalogue
  (27 today), or the first N with ``--indicators``;
- for every one of today's 3,321 communes, an approved submission for every month of the
  last ``--years`` years (5 × 12 × 3,321 = 199,260 submissions), each with the total of
  every indicator of the form (27 × 199,260 = 5,380,020 figures). Ratios get a numerator
  no larger than their denominator. Figures are random, fixed by a seed.

Submissions go in with ``bulk_create`` in batches, one transaction per month; the figures
with the cursor's ``executemany`` on the model's table: ``bulk_create`` costs about 200 µs
of Python a row, which would make 5.4 million rows a twenty-minute wait. Today's communes
report all five years (also before 1 July 2025, when they did not exist yet): the data set
is about volume, not about the history of the map.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

import _django

FORM_CODE = "bench-xa-thang"
BATCH = 5000


def setup_django(sqlite_file: str | None = None) -> str:
    """Django on DATABASE_URL, on ``sqlite_file`` (kept), or on a throwaway SQLite file;
    migrated; the engine's name."""
    engine = _django.setup_django(debug=True, sqlite_file=sqlite_file)
    from django.db import connection

    if connection.vendor == "sqlite":
        # A throwaway file: durability is not what is measured.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    return engine


@dataclass
class Dataset:
    form: object
    indicators: list
    communes: int
    months: int
    submissions: int
    values: int
    seconds: float
    reused: bool = False


def _figures(rng: random.Random, indicator) -> tuple[int, int | None]:
    if indicator.is_ratio:
        den = rng.randint(0, 40)
        return rng.randint(0, den), den
    return rng.randint(0, 30), None


def generate(
    *, years: int = 5, last_year: int = 2025, indicators: int | None = None, progress=print
) -> Dataset:
    from django.db import connection, transaction
    from django.utils import timezone

    from lanhmanh.geography.loading import units_load
    from lanhmanh.geography.models import AdministrativeUnit, Level, Scheme
    from lanhmanh.indicators.models import Indicator, Source
    from lanhmanh.reporting.models import (
        ReportForm,
        ReportFormIndicator,
        Status,
        Submission,
        SubmissionValue,
    )
    from lanhmanh.reporting.periods import PeriodKind, month

    started = time.perf_counter()
    chosen = list(Indicator.objects.filter(source=Source.ENTERED).order_by("order", "code"))
    if indicators:
        chosen = chosen[:indicators]
    periods = [
        month(y, m) for y in range(last_year - years + 1, last_year + 1) for m in range(1, 13)
    ]
    existing = ReportForm.objects.filter(code=FORM_CODE).first()
    if existing is not None:
        communes_count = AdministrativeUnit.objects.filter(
            scheme=Scheme.CURRENT, level=Level.COMMUNE, valid_to__isnull=True
        ).count()
        on_form = list(existing.rows.order_by("order").values_list("indicator_id", flat=True))
        submitted = Submission.objects.filter(form=existing)
        same = (
            on_form == [i.pk for i in chosen]
            and submitted.count() == communes_count * len(periods)
            and not submitted.exclude(period_key__in=[p.key for p in periods]).exists()
            and SubmissionValue.objects.filter(submission__form=existing).count()
            == communes_count * len(periods) * len(chosen)
        )
        if not same:
            raise SystemExit(
                "The database holds another or a partial national data set: use an empty "
                "database (or delete the SQLite file) to generate this one."
            )
        progress("  reusing the data set already in the database")
        return Dataset(
            form=existing,
            indicators=chosen,
            communes=communes_count,
            months=len(periods),
            submissions=communes_count * len(periods),
            values=communes_count * len(periods) * len(chosen),
            seconds=0.0,
            reused=True,
        )

    t0 = time.perf_counter()
    units_load()
    progress(f"  map loaded in {time.perf_counter() - t0:.1f} s")

    form, _created = ReportForm.objects.get_or_create(
        code=FORM_CODE,
        defaults={
            "name": "Biểu thử tải toàn quốc",
            "periodicity": PeriodKind.MONTH,
            "unit_level": Level.COMMUNE,
        },
    )
    for order, indicator in enumerate(chosen):
        ReportFormIndicator.objects.get_or_create(
            form=form, indicator=indicator, defaults={"order": order}
        )
    communes = list(
        AdministrativeUnit.objects.filter(
            scheme=Scheme.CURRENT, level=Level.COMMUNE, valid_to__isnull=True
        )
        .order_by("path")
        .only("pk", "level")
    )
    rng = random.Random(20260101)
    table = SubmissionValue._meta.db_table
    columns = ("submission_id", "indicator_id", "disaggregation", "numerator", "denominator")
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * 5)})"
    submissions = values = 0
    for period in periods:
        t0 = time.perf_counter()
        window = period.window
        deadline = form.deadline(period, Level.COMMUNE)
        stamp = timezone.make_aware(
            timezone.datetime.combine(deadline, timezone.datetime.min.time())
        )
        with transaction.atomic():
            made = Submission.objects.bulk_create(
                [
                    Submission(
                        form=form,
                        unit_id=unit.pk,
                        period_kind=period.kind,
                        period_key=period.key,
                        period_start=window.start,
                        period_end=window.end,
                        deadline=deadline,
                        status=Status.APPROVED,
                        submitted_at=stamp,
                        approved_at=stamp,
                    )
                    for unit in communes
                ],
                batch_size=BATCH,
            )
            rows = [
                (submission.pk, indicator.pk, "", *_figures(rng, indicator))
                for submission in made
                for indicator in chosen
            ]
            with connection.cursor() as cursor:
                for i in range(0, len(rows), BATCH):
                    cursor.executemany(insert, rows[i : i + BATCH])
            values += len(rows)
        submissions += len(made)
        progress(
            f"  {period.key}: {len(made)} submissions, {len(made) * len(chosen)} figures "
            f"in {time.perf_counter() - t0:.1f} s"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Dataset(
        form=form,
        indicators=chosen,
        communes=len(communes),
        months=len(periods),
        submissions=submissions,
        values=values,
        seconds=time.perf_counter() - started,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--last-year", type=int, default=2025)
    parser.add_argument("--indicators", type=int, default=None)
    parser.add_argument(
        "--db", default=None, help="SQLite file to generate into and keep (or to reuse)"
    )
    args = parser.parse_args()
    engine = setup_django(args.db)
    print(f"engine: {engine}")
    data = generate(years=args.years, last_year=args.last_year, indicators=args.indicators)
    print(
        f"{'reused' if data.reused else 'generated'} {data.communes} communes × "
        f"{data.months} months × {len(data.indicators)} indicators: "
        f"{data.submissions} submissions, {data.values} figures in {data.seconds:.0f} s"
    )


if __name__ == "__main__":
    main()
