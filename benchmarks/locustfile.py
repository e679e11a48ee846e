"""The load of benchmarks/load.py: commune officers entering and submitting reports,
coordinators reviewing them, inspectors recording commitments, leaders on the overview.

Reads the accounts and objects prepared by load.py from the JSON file named by
LANHMANH_LOAD_PLAN. A 409 (someone saved first) and a 400 on a report already sent are
answers the application gives on purpose: counted as such, not as errors; any other
status of 400 or more is an error.
"""

from __future__ import annotations

import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LANHMANH_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
VERSION = re.compile(r'name="version" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# Seconds a user waits between two clicks, ``LANHMANH_LOAD_WAIT="low,high"`` (load.py's
# --think). Officials read a page and type figures before the next click: 2 to 8 seconds
# is brisk work; the first profile (0.5 to 2) was a script, not a person.
WAIT = [float(x) for x in os.environ.get("LANHMANH_LOAD_WAIT", "2,8").split(",")]


class Visitor(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    accounts: list = []

    def on_start(self):
        self.account = random.choice(PLAN[self.accounts])
        page = self.get("/login/", name="login page")
        token = CSRF.search(page.text).group(1)
        self.post(
            "/login/",
            {
                "username": self.account["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token,
            },
            name="login",
        )

    def _plain(self):
        # Production cookies are Secure; the load runs over plain HTTP on 127.0.0.1.
        for cookie in self.client.cookies:
            cookie.secure = False

    def get(self, url, name):
        with self.client.get(url, name=name, catch_response=True) as response:
            self._judge(response)
        self._plain()
        return response

    def post(self, url, data, name, expected=(200, 302)):
        data = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data}
        with self.client.post(
            url, data, name=name, catch_response=True, headers={"Referer": self.host + url}
        ) as response:
            self._judge(response, expected)
        self._plain()
        return response

    def _judge(self, response, expected=(200, 302)):
        if response.status_code in expected:
            response.success()
        else:
            response.failure(f"status {response.status_code}")


class CommuneOfficer(Visitor):
    accounts = "officers"
    weight = 4

    @task(5)
    def enter_figures(self):
        url = f"/reporting/submissions/{self.account['submission']}/"
        page = self.get(url, name="report page")
        found = VERSION.search(page.text)
        if not found:
            return
        data = {"version": found.group(1), "action": "save"}
        for key in self.account["cells"]:
            data[f"v:{key}"] = str(random.randint(0, 30))
        # 400: sent already and waiting for review; 409: a coordinator acted first.
        self.post(url, data, name="report save", expected=(200, 302, 400, 409))

    @task(1)
    def submit(self):
        url = f"/reporting/submissions/{self.account['submission']}/"
        found = VERSION.search(self.get(url, name="report page").text)
        if found:
            self.post(
                f"{url}submit/",
                {"version": found.group(1)},
                name="report submit",
                expected=(200, 302, 409),
            )

    @task(2)
    def my_reports(self):
        self.get("/reporting/", name="my reports")


class Coordinator(Visitor):
    accounts = "coordinators"
    weight = 2

    @task(3)
    def review_list(self):
        self.get("/reporting/review/", name="review list")

    @task(2)
    def review_one(self):
        submission = random.choice(PLAN["submissions"])
        url = f"/reporting/submissions/{submission}/"
        page = self.get(url, name="report page (review)")
        if 'action="/reporting/submissions/' in page.text and "/return/" in page.text:
            found = VERSION.search(page.text)
            if found:
                self.post(
                    f"{url}return/",
                    {"version": found.group(1), "comment": "Kiểm tra lại số liệu."},
                    name="report return",
                    expected=(200, 302, 400, 409),
                )

    @task(1)
    def overdue(self):
        self.get("/reporting/overdue/", name="overdue list")


class Inspector(Visitor):
    accounts = "inspectors"
    weight = 2

    @task(3)
    def register(self):
        self.get("/inspections/establishments/", name="establishment list")

    @task(3)
    def establishment(self):
        pk = random.choice(PLAN["establishments"])
        self.get(f"/inspections/establishments/{pk}/", name="establishment page")

    @task(1)
    def record_commitment(self):
        pk = random.choice(PLAN["establishments"])
        self.post(
            f"/inspections/establishments/{pk}/commitments/new/",
            {"signed_on": PLAN["today"], "signed_by": "Chủ cơ sở"},
            name="commitment record",
        )

    @task(1)
    def inspections(self):
        self.get("/inspections/inspections/", name="inspection list")


class Leader(Visitor):
    accounts = "leaders"
    weight = 2

    @task(3)
    def dashboard(self):
        self.get("/reporting/dashboard/", name="dashboard")

    @task(1)
    def home(self):
        self.get("/", name="home")

    @task(1)
    def plans(self):
        self.get("/plans/", name="plan list")
