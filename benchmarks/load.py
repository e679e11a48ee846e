"""Load test: 50 concurrent users against gunicorn and PostgreSQL on 127.0.0.1.

    .venv/bin/python benchmarks/load.py [--users 50] [--minutes 2] [--years 1]

Uses DATABASE_URL when it is a PostgreSQL database of your own (emptied first: every
table is dropped), else a throwaway PostgreSQL cluster (as benchmarks/rollup.py). Then:

1. migrates, loads the whole administrative map, builds the demo (benchmarks' password for
   every demo account) and a national data set of ``--years`` of monthly reports of all
   3,321 communes (``national_dataset.generate``);
2. gives each of the demo's six communes a data officer of its own with this month's
   report open as a draft;
3. starts gunicorn with production settings (no DEBUG; plain HTTP on 127.0.0.1);
4. runs locust headless (benchmarks/locustfile.py) for ``--minutes``: officers entering
   and submitting reports, coordinators reviewing them, inspectors recording, leaders on
   the overview; users start at ``--spawn-rate`` a second (1: the 50 logins of a
   morning spread over 50 s) and wait ``--think`` seconds between clicks (2–8 s);
5. prints requests/s, p50 and p95 of each page and the error count (last line:
   ``RESULT errors=N p95_max_ms=M rps=R``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PASSWORD = "load-" + secrets.token_urlsafe(12)


def prepare(years: int) -> dict:
    """Runs in a child process on DATABASE_URL: the data, and what locust needs."""
    import _django

    _django.setup_django(debug=True)
    import national_dataset
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lanhmanh.accounts.models import User
    from lanhmanh.accounts.roles import Role
    from lanhmanh.accounts.services import membership_add
    from lanhmanh.core.demo import demo_build, demo_content_build
    from lanhmanh.inspections.models import Establishment
    from lanhmanh.reporting import selectors
    from lanhmanh.reporting.demo import COMMUNE_FORM_CODE
    from lanhmanh.reporting.forms import FigureSheet
    from lanhmanh.reporting.models import ReportForm, Status, Submission
    from lanhmanh.reporting.services import (
        submission_create,
        submission_reopen,
        submission_return,
    )

    started = time.perf_counter()
    call_command("load_units", verbosity=0)
    print(f"  units loaded ({time.perf_counter() - started:.0f} s)", flush=True)
    demo = demo_build(make_password=lambda: PASSWORD)
    demo_content_build(demo)
    print(f"  demo built ({time.perf_counter() - started:.0f} s)", flush=True)
    if years:
        data = national_dataset.generate(years=years, last_year=timezone.localdate().year - 1)
        print(
            f"  national data set: {data.submissions:,} reports, {data.values:,} figures "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    admin = User.objects.get(username="demo_admin")
    form = ReportForm.objects.get(code=COMMUNE_FORM_CODE, current=True)
    period = selectors.period_due(form)
    officers = []
    for i, commune in enumerate(demo.communes, start=1):
        user, _ = User.objects.get_or_create(
            username=f"load_officer_{i}", defaults={"full_name": f"Cán bộ xã {i}"}
        )
        user.set_password(PASSWORD)
        user.save()
        membership_add(by=admin, user=user, unit=commune, role=Role.DATA_OFFICER)
        submission = Submission.objects.filter(form=form, unit=commune, period_key=period.key)
        submission = submission.first() or submission_create(
            form=form, unit=commune, period=period, user=user
        )
        if submission.status == Status.SUBMITTED:
            submission_return(submission=submission, user=admin, comment="Tải thử")
        elif submission.status == Status.APPROVED:
            submission_reopen(submission=submission, user=admin, reason="Tải thử")
        cells = [c.key for c in FigureSheet(submission).cells if not c.is_ratio][:6]
        officers.append({"username": user.username, "submission": submission.pk, "cells": cells})
    province_reports = list(
        Submission.objects.filter(unit__path__startswith=demo.province.path)
        .order_by("-pk")
        .values_list("pk", flat=True)[:200]
    )
    connection.close()
    return {
        "password": PASSWORD,
        "today": timezone.localdate().isoformat(),
        "officers": officers,
        "coordinators": [{"username": "demo_coordinator"}],
        "inspectors": [{"username": "demo_inspector"}],
        "leaders": [{"username": "demo_leader"}],
        "submissions": [o["submission"] for o in officers] + province_reports,
        "establishments": list(
            Establishment.objects.filter(unit__path__startswith=demo.province.path)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def _empty(url: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute("DROP SCHEMA public CASCADE")
        db.execute("CREATE SCHEMA public")


def run(url: str, args) -> dict:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LANHMANH_", "DJANGO_"))},
        "DATABASE_URL": url,
        "LANHMANH_ENV_FILE": "",
    }
    folder = Path(tempfile.mkdtemp(prefix="lanhmanh-load-"))
    print("Preparing the data", flush=True)
    out = subprocess.run(  # noqa: S603 - this script itself
        [sys.executable, __file__, "--prepare", "--years", str(args.years)],
        env={**env, "LANHMANH_VAR_DIR": str(folder)},
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = out.stdout.strip().splitlines()
    print("\n".join(lines[:-1]), flush=True)
    plan_file = folder / "plan.json"
    plan_file.write_text(lines[-1], encoding="utf-8")

    port = _free_port()
    production = {
        **env,
        "LANHMANH_DEBUG": "0",
        "LANHMANH_SECRET_KEY": secrets.token_urlsafe(50),
        # Production refuses to start without field keys; the pages under load read no
        # encrypted field, so a fresh key serves.
        "LANHMANH_FIELD_KEYS": Fernet.generate_key().decode(),
        "LANHMANH_ALLOWED_HOSTS": "127.0.0.1",
        "LANHMANH_SECURE_SSL_REDIRECT": "0",
        "LANHMANH_VAR_DIR": str(folder),
        "LANHMANH_LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production,
        check=True,
    )
    gunicorn = subprocess.Popen(  # noqa: S603 - the server under test
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "lanhmanh.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=production,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/healthz")
        print(
            f"gunicorn ({args.workers} workers) on 127.0.0.1:{port}; locust: {args.users} users "
            f"for {args.minutes} min, {args.spawn_rate} started a second, {args.think} s "
            "between clicks",
            flush=True,
        )
        prefix = folder / "locust"
        subprocess.run(  # noqa: S603 - locust, fixed arguments
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{int(args.minutes * 60)}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "LANHMANH_LOAD_PLAN": str(plan_file),
                "LANHMANH_LOAD_WAIT": args.think,
            },
            check=False,
            stdout=subprocess.DEVNULL,
        )
        return _report(prefix)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def _report(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    print(f"\n{'page':28} {'requests':>9} {'errors':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    total = None
    for row in rows:
        if row["Name"] == "Aggregated":
            total = row
            continue
        print(
            f"{row['Name']:28} {row['Request Count']:>9} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['95%']:>7}"
        )
    print(
        f"{'all':28} {total['Request Count']:>9} {total['Failure Count']:>7} "
        f"{float(total['Requests/s']):>7.1f} {total['50%']:>7} {total['95%']:>7}"
    )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        for row in list(csv.DictReader(failures.open(encoding="utf-8")))[:10]:
            print(f"  error: {row['Method']} {row['Name']}: {row['Error']} × {row['Occurrences']}")
    p95 = max(float(r["95%"]) for r in rows if r["Name"] != "Aggregated")
    result = {
        "errors": int(total["Failure Count"]),
        "p95_max_ms": p95,
        "rps": round(float(total["Requests/s"]), 1),
    }
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--years", type=int, default=1, help="national data set (0: none)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    # A morning's logins spread over a minute, not one second: 50 Argon2 hashes at once
    # is a queue by design (each costs tens of milliseconds of CPU on purpose).
    parser.add_argument(
        "--spawn-rate", type=float, default=1, help="users started per second (was 10)"
    )
    parser.add_argument(
        "--think", default="2,8", help="seconds between a user's clicks, low,high (was 0.5,2)"
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.years)))
        return
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        _empty(url)
        run(url, args)
        return
    from rollup import ThrowawayPostgres

    with ThrowawayPostgres() as url:
        run(url, args)


if __name__ == "__main__":
    main()
