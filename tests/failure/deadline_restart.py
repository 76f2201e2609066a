"""PostgreSQL restarted during a deadline-day save load: every acknowledged save is kept, none half.

Driven by `.ci/slow` (not collected by pytest); three steps, each a subcommand:

``setup N OUT.json``   after `chiso demo`: N more departments get the demo's monthly form, each
                       with a leader (lãnh đạo: enters and submits), password Demo-chiso-2026.
``load URL SECONDS IN.json LOG.json``  one thread per unit logs in through the login page and,
                       until time is up, reads the report page and saves every value and the
                       narrative with the round number r (numbers 100+r, numerators r+1/1000,
                       narrative "vòng r"), then submits once. A save is acknowledged when the
                       next page shows "Đã lưu nháp", a submission when it shows "Đã gửi báo cáo".
``check IN.json LOG.json``  every unit's stored report is at its last acknowledged round or
                       later, all its values and narrative from one round (nothing half written),
                       and every acknowledged submission is sent.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "Demo-chiso-2026"


def setup(count: int, out: str) -> None:
    from chiso.django_setup import setup as django_setup

    django_setup()
    from django.contrib.auth.models import User

    from chiso.accounts.models import Grant, Role
    from chiso.collection.models import FormAssignment, ReportForm, Submission
    from chiso.collection.schedules import ensure_expected
    from chiso.orgunits.models import OrgUnit

    form = ReportForm.objects.get(code="bao-cao-thang-cds")
    period = Submission.objects.filter(form=form).order_by("-period_id").values_list("period_id", flat=True)[0]
    province = OrgUnit.objects.get(code="dong-thap")
    for i in range(count):
        unit, _ = OrgUnit.objects.get_or_create(
            code=f"so-thu-{i}", defaults={"name": f"Sở thử tải {i}", "type": "so_ban_nganh", "parent": province}
        )
        FormAssignment.objects.get_or_create(form=form, unit=unit)
        user, created = User.objects.get_or_create(username=f"thu{i}")
        if created:
            user.set_password(PASSWORD)
            user.save()
            Grant.objects.create(user=user, unit=unit, role=Role.APPROVER)
    ensure_expected(form, period)
    units = []
    for i in range(count):
        submission = Submission.objects.get(form=form, period_id=period, unit__code=f"so-thu-{i}")
        units.append(
            {
                "user": f"thu{i}",
                "submission": submission.pk,
                "values": {str(v.pk): v.item.input_type for v in submission.values.select_related("item")},
            }
        )
    with open(out, "w") as f:
        json.dump({"period": period, "units": units}, f)


def fields_for(values: dict[str, str], round_no: int) -> dict[str, str]:
    data = {
        "results_text": f"vòng {round_no}",
        "difficulties_text": f"vòng {round_no}",
        "proposals_text": f"vòng {round_no}",
    }
    for pk, kind in values.items():
        data[f"v{pk}-confirm"] = "on"  # a jump from last period is confirmed, as the user would
        if kind == "fraction":
            data[f"v{pk}-numerator"], data[f"v{pk}-denominator"] = str(round_no + 1), "1000"
        elif kind == "yes_no":
            data[f"v{pk}-value"] = "Có"
        elif kind == "number":
            data[f"v{pk}-value"] = str(100 + round_no)
        else:
            data[f"v{pk}-value"] = f"vòng {round_no}"
    return data


class Reporter(threading.Thread):
    def __init__(self, base: str, unit: dict, until: float):
        super().__init__(daemon=True)
        self.base, self.unit, self.until = base, unit, until
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.log = {
            "user": unit["user"],
            "submission": unit["submission"],
            "acked_round": 0,
            "sent_round": 0,
            "submitted": False,
            "errors": 0,
            "saves": 0,
        }

    def call(self, path: str, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode()

    def login(self) -> None:
        page = self.call("/tai-khoan/dang-nhap/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.call(
            "/tai-khoan/dang-nhap/", {"csrfmiddlewaretoken": token, "username": self.unit["user"], "password": PASSWORD}
        )

    def post_form(self, path: str, page: str, extra: dict) -> str:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.call(path, {"csrfmiddlewaretoken": token, **extra})

    def save(self, round_no: int) -> None:
        path = f"/bao-cao-dinh-ky/{self.unit['submission']}/"
        page = self.call(path)
        data = fields_for(self.unit["values"], round_no)
        for pk, version in re.findall(r'name="v(\d+)-version" value="(\d+)"', page):
            data[f"v{pk}-version"] = version
        data["submission_version"] = re.search(r'name="submission_version" value="(\d+)"', page).group(1)
        self.log["sent_round"] = round_no
        after = self.post_form(path, page, data)  # the redirect back to the page, with its message
        if "Đã lưu nháp" in after:
            self.log["acked_round"] = round_no
            self.log["saves"] += 1

    def submit(self) -> None:
        path = f"/bao-cao-dinh-ky/{self.unit['submission']}/"
        page = self.call(path)
        after = self.post_form(path + "gui/", page, {})
        self.log["submitted"] = "Đã gửi báo cáo" in after

    def run(self) -> None:
        round_no = 0
        while time.time() < self.until:
            try:
                if round_no == 0:
                    self.login()
                round_no += 1
                self.save(round_no)
            except (urllib.error.URLError, OSError, AttributeError):
                # 500 or refused while PostgreSQL restarts, or a page without the form: retry
                self.log["errors"] += 1
                time.sleep(0.5)
        for _ in range(20):  # the submission, retried until the database is back
            try:
                self.submit()
                if self.log["submitted"]:
                    break
            except (urllib.error.URLError, OSError, AttributeError):
                self.log["errors"] += 1
                time.sleep(0.5)


def load(base: str, seconds: float, setup_file: str, log_file: str) -> None:
    with open(setup_file) as f:
        units = json.load(f)["units"]
    until = time.time() + seconds
    threads = [Reporter(base, unit, until) for unit in units]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logs = [t.log for t in threads]
    with open(log_file, "w") as f:
        json.dump(logs, f)
    print(
        f"saves acknowledged: {sum(log['saves'] for log in logs)}, "
        f"errors: {sum(log['errors'] for log in logs)}, "
        f"submitted: {sum(log['submitted'] for log in logs)}/{len(logs)}"
    )


def rounds_of(submission) -> set[str]:
    """The round each stored field says it came from."""
    found = {submission.results_text, submission.difficulties_text, submission.proposals_text}
    for value in submission.values.select_related("item"):
        kind = value.item.input_type
        if kind == "fraction":
            found.add(f"vòng {int(value.numerator) - 1}")
        elif kind == "number":
            found.add(f"vòng {int(value.number) - 100}")
        elif kind == "text":
            found.add(value.text)
    return found


def check(setup_file: str, log_file: str) -> int:
    from chiso.django_setup import setup as django_setup

    django_setup()
    from chiso.collection.models import Submission

    with open(log_file) as f:
        logs = json.load(f)
    problems = []
    for log in logs:
        submission = Submission.objects.get(pk=log["submission"])
        if log["acked_round"] == 0:
            continue
        found = rounds_of(submission)
        if len(found) != 1:
            problems.append(f"{log['user']}: half written, fields from {sorted(found)}")
            continue
        stored = int(found.pop().split()[-1])
        if not log["acked_round"] <= stored <= log["sent_round"]:
            problems.append(f"{log['user']}: acknowledged round {log['acked_round']}, stored {stored}")
        if log["submitted"] and submission.status != "submitted":
            problems.append(f"{log['user']}: submission acknowledged but status is {submission.status}")
    acked = sum(1 for log in logs if log["acked_round"])
    print(f"units with an acknowledged save: {acked}/{len(logs)}; problems: {len(problems)}")
    for line in problems:
        print("  " + line)
    return 1 if problems or not acked else 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "setup":
        setup(int(args[0]), args[1])
    elif command == "load":
        load(args[0], float(args[1]), args[2], args[3])
    else:
        sys.exit(check(*args))
