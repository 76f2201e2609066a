"""`chiso bench load` and `chiso bench overview`: simulated people against gunicorn on loopback.

Deadline day has two parts. First every reporter signs in, at a random moment of the ramp
(a session lasts the working day, so nobody signs in again for each report); the sign-in is
timed and shown on its own rows, because a login is meant to be slow (Argon2 spends ~0.2 s of
CPU on purpose). Then the rush: each reporter, after a first pause, opens each of its drafts,
saves every value (a draft POST naming the versions it read, then the page the redirect leads
to) and submits it, pausing between steps as a person does (``think`` seconds). The latency
aim applies to the rush. A save is *acknowledged* when the page after it says "Đã lưu nháp"; a
submission when it says "Đã gửi báo cáo". Afterwards the database must hold every acknowledged
value and status — anything else is counted lost.
"""

from __future__ import annotations

import asyncio
import random
import re
import statistics
import time
from dataclasses import dataclass, field

from chiso.bench.http import Session
from chiso.bench.people import PASSWORD
from chiso.bench.table import Row

LOGIN = "/tai-khoan/dang-nhap/"
VERSION_FIELD = re.compile(r'name="v(\d+)-version" value="(\d+)"')
SUBMISSION_VERSION = re.compile(r'name="submission_version" value="(\d+)"')


@dataclass
class Tally:
    """Every request's time, the failures, and what the server acknowledged."""

    seconds: list[float] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    saved: dict[int, str] = field(default_factory=dict)  # EnteredValue pk → raw acknowledged
    submitted: set[int] = field(default_factory=set)

    def note(self, response, expected: tuple[int, ...], what: str) -> bool:
        self.seconds.append(response.seconds)
        self.by_step.setdefault(what, []).append(response.seconds)
        if response.status not in expected:
            self.errors.append(f"{what}: HTTP {response.status}")
            return False
        return True


@dataclass(frozen=True)
class Pace:
    duration: float
    ramp: float
    think: tuple[float, float]


async def _think(rng: random.Random, pace: Pace, end: float) -> bool:
    """Pause like a person; False once the run's time is up (no pause past the end)."""
    pause = rng.uniform(*pace.think)
    await asyncio.sleep(max(0.0, min(pause, end - time.monotonic())))
    return time.monotonic() < end


async def login(session: Session, username: str, tally: Tally) -> bool:
    page = await session.get(LOGIN)
    if not tally.note(page, (200,), "mở trang đăng nhập"):
        return False
    done = await session.post(
        LOGIN, {"csrfmiddlewaretoken": page.csrf(), "username": username, "password": PASSWORD, "next": "/"}
    )
    return tally.note(done, (302,), "đăng nhập")


async def fill(session: Session, pk: int, rng: random.Random, pace: Pace, end: float, tally: Tally) -> None:
    """Open one draft, save every value, submit it."""
    base = f"/bao-cao-dinh-ky/{pk}/"
    page = await session.get(base)
    if not tally.note(page, (200,), "mở báo cáo"):
        return
    versions = VERSION_FIELD.findall(page.body)
    form = {
        "csrfmiddlewaretoken": page.csrf(),
        "submission_version": (SUBMISSION_VERSION.findall(page.body) or ["1"])[0],
    }
    typed = {int(v): f"{rng.uniform(20, 100):.2f}".replace(".", ",") for v, _ in versions}
    for value_pk, version in versions:
        form |= {
            f"v{value_pk}-version": version,
            f"v{value_pk}-value": typed[int(value_pk)],
            f"v{value_pk}-confirm": "on",
        }
    if not await _think(rng, pace, end):
        return
    if not tally.note(await session.post(base, form), (302,), "lưu nháp"):
        return
    after = await session.get(base)
    if tally.note(after, (200,), "trang sau khi lưu") and "Đã lưu nháp" in after.body:
        tally.saved.update(typed)
    elif after.status == 200:
        tally.errors.append("lưu nháp: trang không báo «Đã lưu nháp»")
    if not await _think(rng, pace, end):
        return
    sent = await session.post(base + "gui/", {"csrfmiddlewaretoken": after.csrf() or page.csrf()})
    if not tally.note(sent, (302,), "ký gửi"):
        return
    after = await session.get(base)
    if tally.note(after, (200,), "trang sau khi gửi") and "Đã gửi báo cáo" in after.body:
        tally.submitted.add(pk)
    elif after.status == 200:
        tally.errors.append("ký gửi: trang không báo «Đã gửi báo cáo»")


async def sign_in(port: int, username: str, seed: int, pace: Pace, tally: Tally) -> Session | None:
    """Arrive at a random moment of the ramp and log in; the session, or None on failure."""
    rng = random.Random(f"{seed}:vao")
    await asyncio.sleep(rng.uniform(0, pace.ramp))
    session = Session("127.0.0.1", port)
    try:
        return session if await login(session, username, tally) else None
    except (TimeoutError, OSError) as error:
        tally.errors.append(f"kết nối: {type(error).__name__}")
        return None


async def reporter(session: Session, drafts: list[int], seed: int, pace: Pace, end: float, tally: Tally) -> None:
    """Fill the drafts one after another; the first pause keeps 500 people from clicking at once."""
    rng = random.Random(seed)
    try:
        if not await _think(rng, pace, end):
            return
        for pk in drafts:
            if time.monotonic() >= end:
                return
            await fill(session, pk, rng, pace, end, tally)
            if not await _think(rng, pace, end):
                return
    except (TimeoutError, OSError) as error:
        tally.errors.append(f"kết nối: {type(error).__name__}")


async def viewer(session: Session, seed: int, pace: Pace, end: float, tally: Tally) -> None:
    """Reload the overview, reading it ``think`` seconds each time (first pause staggered)."""
    rng = random.Random(seed)
    try:
        while await _think(rng, pace, end):
            tally.note(await session.get("/"), (200,), "trang tổng quan")
    except (TimeoutError, OSError) as error:
        tally.errors.append(f"kết nối: {type(error).__name__}")


def lost(tally: Tally) -> tuple[int, int]:
    """(acknowledged values not in the database as typed, acknowledged submissions not submitted)."""
    from chiso.collection.models import EnteredValue, Submission

    stored = dict(EnteredValue.objects.filter(pk__in=list(tally.saved)).values_list("pk", "raw"))
    missing_values = sum(1 for pk, raw in tally.saved.items() if stored.get(pk) != raw)
    sent = set(Submission.objects.filter(pk__in=list(tally.submitted), status="submitted").values_list("pk", flat=True))
    return missing_values, len(tally.submitted - sent)


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(share) - 1]


def latency_rows(tally: Tally, elapsed: float, p95_aim_ms: float) -> list[Row]:
    ms = [s * 1000 for s in tally.seconds]
    return [
        Row("yêu cầu HTTP", len(ms), ""),
        Row("thông lượng", len(ms) / elapsed, "yêu cầu/giây"),
        Row("độ trễ p50", percentile(ms, 50), "ms"),
        Row("độ trễ p95", percentile(ms, 95), "ms", p95_aim_ms),
        Row("độ trễ p99", percentile(ms, 99), "ms"),
        Row("lỗi", len(tally.errors), "", 1),
    ] + [
        Row(
            f"p95 «{step}» ({len(times)} lần; p50 {percentile([t * 1000 for t in times], 50):.0f} ms)",
            percentile([t * 1000 for t in times], 95),
            "ms",
        )
        for step, times in tally.by_step.items()
    ]


@dataclass
class LoadRun:
    signin: Tally
    measured: Tally  # the requests the aim applies to
    signin_seconds: float
    measured_seconds: float
    signed_in: int


def run_people(ports: list[int], names: list[str], pace: Pace, work) -> LoadRun:
    """Everyone signs in within the ramp; then ``work(k, session, end, tally)`` runs for each
    person signed in, for ``pace.duration`` seconds, and only those requests meet the aim.
    With several servers, person k uses ``ports[k % len(ports)]`` throughout (as a load
    balancer spreading people evenly would)."""
    signin, measured = Tally(), Tally()

    async def everyone():
        start = time.monotonic()
        sessions = await asyncio.gather(
            *(sign_in(ports[k % len(ports)], name, k, pace, signin) for k, name in enumerate(names))
        )
        signed = time.monotonic()
        end = signed + pace.duration
        await asyncio.gather(
            *(work(k, session, end, measured) for k, session in enumerate(sessions) if session is not None)
        )
        return signed - start, time.monotonic() - signed, sum(s is not None for s in sessions)

    return LoadRun(signin, measured, *asyncio.run(everyone()))


def run_reporters(ports: list[int], people: list[tuple[str, list[int]]], pace: Pace) -> LoadRun:
    """Deadline day: each reporter fills and submits its drafts."""
    return run_people(
        ports,
        [name for name, _ in people],
        pace,
        lambda k, session, end, tally: reporter(session, people[k][1], k, pace, end, tally),
    )


def run_viewers(ports: list[int], names: list[str], pace: Pace) -> LoadRun:
    """The overview: each viewer reloads it, reading between loads."""
    return run_people(ports, names, pace, lambda k, session, end, tally: viewer(session, k, pace, end, tally))


def signin_rows(run: LoadRun) -> list[Row]:
    ms = [s * 1000 for s in run.signin.seconds]
    return [
        Row(f"đăng nhập: {run.signed_in} người trong {run.signin_seconds:.0f} giây, p50", percentile(ms, 50), "ms"),
        Row("đăng nhập: p95", percentile(ms, 95), "ms"),
        Row("đăng nhập: lỗi", len(run.signin.errors), "", 1),
    ]
