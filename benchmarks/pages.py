"""What each page of the load test costs on its own: one client, requests one after another.

    .venv/bin/python benchmarks/pages.py [--db var/lanhmanh.sqlite3] [-n 20] [--years 0]
                                          [--profile 'report submit']

Works on a copy of ``--db`` (the demo database ``bin/setup`` builds; the copy is removed at
exit); with ``DATABASE_URL`` set, on that database as it is (the demo built there); with
``--postgres``, on a throwaway PostgreSQL cluster (as benchmarks/load.py) where it loads the
map and builds the demo first (``--build`` does that in ``DATABASE_URL``, for a database
kept between runs). With
``--years N`` it first adds the national data set of N years (all 3,321 communes, every
month), as benchmarks/load.py does. Production settings (no DEBUG), in the process: no
server, no network, so the figures are the application's own time.

For every page of benchmarks/locustfile.py it makes ``-n`` requests as the load test's
user of that page and prints the median and 90th percentile wall time, the CPU time per
request and the number of SQL queries. ``--profile NAME`` prints cProfile's 25 most
expensive functions (cumulative) of that page. Last line: ``RESULT <page>=<median ms> …``.
"""

from __future__ import annotations

import argparse
import atexit
import cProfile
import os
import pstats
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

HERE = Path(__file__).resolve().parent
PASSWORD = "pages-" + secrets.token_urlsafe(12)
VERSION = re.compile(r'name="version" value="(\d+)"')


def _settings(args) -> None:
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="lanhmanh-pages-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        source = Path(args.db)
        if not source.exists():
            raise SystemExit(f"{source}: no database (run bin/setup --no-serve first)")
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{source}{suffix}").exists():
                shutil.copy(f"{source}{suffix}", Path(folder) / f"db.sqlite3{suffix}")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
        os.environ["LANHMANH_VAR_DIR"] = folder
    os.environ.update(
        {
            "LANHMANH_ENV_FILE": "",
            "LANHMANH_DEBUG": "0",
            "LANHMANH_SECRET_KEY": secrets.token_urlsafe(50),
            "LANHMANH_FIELD_KEYS": Fernet.generate_key().decode(),
            "LANHMANH_ALLOWED_HOSTS": "testserver",
            "LANHMANH_SECURE_SSL_REDIRECT": "0",
            "LANHMANH_LOG_LEVEL": "WARNING",
        }
    )


def _prepare(years: int, build: bool = False) -> dict:
    """The load test's accounts and objects (as benchmarks/load.py prepares them)."""
    from django.utils import timezone

    from lanhmanh.accounts.models import User
    from lanhmanh.accounts.roles import Role
    from lanhmanh.accounts.services import membership_add
    from lanhmanh.geography.models import AdministrativeUnit
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

    if build:
        from django.core.management import call_command

        from lanhmanh.core.demo import demo_build, demo_content_build

        call_command("load_units", verbosity=0)
        demo_content_build(demo_build(make_password=lambda: PASSWORD))
    if years:
        import national_dataset

        national_dataset.generate(years=years, last_year=timezone.localdate().year - 1)
    for name in ("demo_coordinator", "demo_inspector", "demo_leader", "demo_admin"):
        user = User.objects.get(username=name)
        user.set_password(PASSWORD)
        user.save()
    admin = User.objects.get(username="demo_admin")
    form = ReportForm.objects.get(code=COMMUNE_FORM_CODE, current=True)
    period = selectors.period_due(form)
    establishment = Establishment.objects.order_by("pk").first()
    commune = AdministrativeUnit.objects.get(pk=establishment.unit_id)
    officer, created = User.objects.get_or_create(
        username="pages_officer", defaults={"full_name": "Cán bộ xã"}
    )
    officer.set_password(PASSWORD)
    officer.save()
    if created:  # a database kept from an earlier run has it already
        membership_add(by=admin, user=officer, unit=commune, role=Role.DATA_OFFICER)
    submission = Submission.objects.filter(form=form, unit=commune, period_key=period.key)
    submission = submission.first() or submission_create(
        form=form, unit=commune, period=period, user=officer
    )
    if submission.status == Status.SUBMITTED:
        submission_return(submission=submission, user=admin, comment="Đo thử")
    elif submission.status == Status.APPROVED:
        submission_reopen(submission=submission, user=admin, reason="Đo thử")
    cells = [c.key for c in FigureSheet(submission).cells if not c.is_ratio][:6]
    province = commune.parent if commune.parent_id else commune
    reviewed = (
        Submission.objects.filter(unit__path__startswith=province.path)
        .exclude(pk=submission.pk)
        .order_by("-pk")
        .first()
    )
    return {
        "admin": admin,
        "officer": officer,
        "submission": submission,
        "cells": cells,
        "reviewed": reviewed,
        "establishment": establishment,
    }


class Page:
    def __init__(self, name, user, method, url, data=None, before=None):
        self.name, self.user, self.method, self.url = name, user, method, url
        self.data, self.before = data, before


def _pages(plan) -> list[Page]:
    report = f"/reporting/submissions/{plan['submission'].pk}/"
    establishment = plan["establishment"].pk
    today = time.strftime("%Y-%m-%d")

    def figures(client):
        version = VERSION.search(client.get(report).content.decode()).group(1)
        data = {"version": version, "action": "save"}
        data.update({f"v:{key}": str(secrets.randbelow(30)) for key in plan["cells"]})
        return data

    def submittable(client):
        from lanhmanh.reporting.forms import FigureSheet
        from lanhmanh.reporting.models import Status, Submission
        from lanhmanh.reporting.services import submission_return, submission_save_values

        submission = Submission.objects.get(pk=plan["submission"].pk)
        if submission.status == Status.SUBMITTED:
            submission_return(submission=submission, user=plan["admin"], comment="Đo thử")
            submission.refresh_from_db()
        # Figures every rule accepts (the save page's random ones may break a sum), so
        # that the submit goes all the way.
        zeros = {c.key: "0" for c in FigureSheet(submission).cells if not c.is_ratio}
        submission_save_values(
            submission=submission, values=zeros, version=submission.version, user=plan["officer"]
        )
        version = VERSION.search(client.get(report).content.decode()).group(1)
        return {"version": version}

    officer, coordinator = "pages_officer", "demo_coordinator"
    inspector, leader = "demo_inspector", "demo_leader"
    return [
        Page("login page", None, "get", "/login/"),
        Page("login (Argon2 hash)", None, "login", "/login/"),
        Page("report page", officer, "get", report),
        Page("report save", officer, "post", report, before=figures),
        Page("report submit", officer, "post", f"{report}submit/", before=submittable),
        Page("my reports", officer, "get", "/reporting/"),
        Page("review list", coordinator, "get", "/reporting/review/"),
        Page(
            "report page (review)",
            coordinator,
            "get",
            f"/reporting/submissions/{plan['reviewed'].pk}/",
        ),
        Page("overdue list", coordinator, "get", "/reporting/overdue/"),
        Page("establishment list", inspector, "get", "/inspections/establishments/"),
        Page(
            "establishment page", inspector, "get", f"/inspections/establishments/{establishment}/"
        ),
        Page(
            "commitment record",
            inspector,
            "post",
            f"/inspections/establishments/{establishment}/commitments/new/",
            data={"signed_on": today, "signed_by": "Chủ cơ sở"},
        ),
        Page("inspection list", inspector, "get", "/inspections/inspections/"),
        Page("dashboard", leader, "get", "/reporting/dashboard/"),
        Page("home", leader, "get", "/"),
        Page("plan list", leader, "get", "/plans/"),
    ]


def _request(client, page: Page, data):
    if page.method == "get":
        return client.get(page.url)
    if page.method == "login":
        client.logout()
        return client.post(page.url, {"username": "demo_leader", "password": PASSWORD})
    return client.post(page.url, data)


def measure(pages, n: int, profile: str | None) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients: dict = {}
    results = {}
    print(f"{'page':24} {'p50 ms':>7} {'p90 ms':>7} {'CPU ms':>7} {'queries':>8}  status")
    for page in pages:
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client()
            if page.user:
                from lanhmanh.accounts.models import User

                client.force_login(User.objects.get(username=page.user))
        walls, cpus, queries, statuses = [], [], [], set()
        profiler = cProfile.Profile() if profile == page.name else None
        for i in range(n + 1):  # the first request warms caches, not counted
            data = page.before(client) if page.before else page.data
            with CaptureQueriesContext(connection) as captured:
                wall, cpu = time.perf_counter(), time.process_time()
                if profiler and i:
                    profiler.enable()
                response = _request(client, page, data)
                if profiler and i:
                    profiler.disable()
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if page.method == "login":
                client.logout()
            statuses.add(response.status_code)
            if i:
                walls.append(wall * 1000)
                cpus.append(cpu * 1000)
                queries.append(len(captured.captured_queries))
        walls.sort()
        p50, p90 = statistics.median(walls), walls[min(len(walls) - 1, int(len(walls) * 0.9))]
        results[page.name] = round(p50)
        print(
            f"{page.name:24} {p50:7.0f} {p90:7.0f} {statistics.mean(cpus):7.0f} "
            f"{statistics.median(queries):8.0f}  {','.join(map(str, sorted(statuses)))}",
            flush=True,
        )
        if profiler:
            stats = pstats.Stats(profiler, stream=sys.stdout)
            stats.sort_stats("cumulative").print_stats(40)
            stats.sort_stats("tottime").print_stats(15)
            for query in captured.captured_queries:  # of the last request
                print(f"  SQL {query['time']}s {query['sql'][:300]}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="var/lanhmanh.sqlite3")
    parser.add_argument("-n", type=int, default=20, help="requests per page")
    parser.add_argument("--years", type=int, default=0, help="national data set (0: none)")
    parser.add_argument("--profile", help="name of a page to profile")
    parser.add_argument("--only", help="comma-separated page names")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway PostgreSQL with the demo built"
    )
    parser.add_argument(
        "--build", action="store_true", help="load the map and build the demo in DATABASE_URL"
    )
    args = parser.parse_args()
    if args.postgres:
        from rollup import ThrowawayPostgres

        with ThrowawayPostgres() as url:
            os.environ["DATABASE_URL"] = url
            run(args)
        return
    run(args)


def run(args) -> None:
    _settings(args)
    import _django

    engine = _django.setup_django(debug=False)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    plan = _prepare(args.years, build=args.postgres or args.build)
    pages = _pages(plan)
    if args.only:
        wanted = set(args.only.split(","))
        pages = [p for p in pages if p.name in wanted]
    print(f"{engine}, {args.n} requests per page, one client", flush=True)
    results = measure(pages, args.n, args.profile)
    print("RESULT " + " ".join(f"{k.replace(' ', '_')}={v}" for k, v in results.items()))


if __name__ == "__main__":
    main()
