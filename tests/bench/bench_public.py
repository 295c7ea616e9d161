"""Public pages benchmark: cached article, index and home page against a bare
Django view, served by gunicorn on loopback, in one run.

    .venv/bin/python tests/bench/bench_public.py [--seconds 10] [--clients 32]
        [--workers 2] [--articles 200] [--rounds 2] [--no-uncached] [--keep]

Builds a scratch site (SQLite, media and static files in a temporary folder;
settings in ``public_settings.py``), starts gunicorn on 127.0.0.1 with a free
port, warms the pages up, then drives ``--clients`` concurrent HTTP/1.1
clients at each target for ``--seconds`` (split over ``--rounds`` turns
through the targets). Prints requests, req/s, p50, p95 and
p99 latency, errors and the share answered from the page cache, the ratios to
the bare view, and PASS/FAIL against the targets.
"""

import argparse
import asyncio
import atexit
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_DIR = Path(tempfile.mkdtemp(prefix="deskbook-bench-public-"))
os.environ["DESKBOOK_BENCH_DIR"] = str(BENCH_DIR)
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.public_settings"
KEEP_SCRATCH = "--keep" in sys.argv[1:]
if not KEEP_SCRATCH:
    atexit.register(shutil.rmtree, BENCH_DIR, ignore_errors=True)

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from deskbook.articles.models import (  # noqa: E402
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
)
from tests.bench.machine import machine_line  # noqa: E402

TARGET_RATIO = 0.5
TARGET_P99_MS = 100
REQUEST_TIMEOUT_S = 10
CACHED_TARGETS = ("article", "index", "home")
UNCACHED_COOKIE = "sessionid=bench-visitor-without-a-session"

TOPICS = [
    "Fake court summons by text message",
    "Callers claiming to be our legal team",
    "Payment links sent over WhatsApp",
    "Letters of demand with a wrong account number",
    "Debt relief schemes that ask for a fee first",
    "Parcel delivery fees that lead to a fake bank page",
    "Requests for a one-time PIN",
    "Gift card payments for a settled debt",
]
TAGS = ["phishing", "sms", "phone", "letters", "payments", "whatsapp", "pin", "fees"]
PARAGRAPH = (
    "We will never ask you to pay into a personal bank account, to buy gift "
    "cards, or to read out a one-time PIN. If a caller, letter or message asks "
    "for any of these, stop, and call the number printed on your original "
    "statement. Our collectors always tell you their name, that they are "
    "collecting a debt, and on whose behalf, before they discuss anything else. "
    "You can ask for the details in writing, and you can ask us to check that "
    "a letter really came from us."
)


@dataclass
class Result:
    name: str
    path: str
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    hits: int = 0
    error_samples: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(0, math.ceil(fraction * len(ordered)) - 1)  # nearest rank
        return ordered[rank]


# The site


def build_site(articles: int) -> ArticlePage:
    """Migrate, bootstrap, add ``articles`` articles; return the one to measure."""
    call_command("migrate", verbosity=0)
    call_command("bootstrap_site", verbosity=0)
    index = ArticleIndexPage.objects.get(slug="awareness")
    kinds = list(ArticleKind)
    start = datetime.date(2025, 1, 1)
    created = []
    with transaction.atomic():
        for n in range(articles):
            topic = TOPICS[n % len(TOPICS)]
            title = f"{topic} ({n + 1})"
            article = ArticlePage(
                title=title,
                slug=slugify(title),
                kind=kinds[n % len(kinds)],
                date=start + datetime.timedelta(days=n),
                summary=f"What to know about {topic.lower()}, and what to do.",
                body=[("paragraph", f"<p>{PARAGRAPH}</p>")] * 6,
            )
            article.tags.add(TAGS[n % len(TAGS)], TAGS[(n * 3 + 1) % len(TAGS)])
            index.add_child(instance=article)
            article.save_revision().publish()
            created.append(article)
    return created[len(created) // 2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, workers: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "deskbook.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--chdir",
        str(ROOT),
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    log = log_path.open("wb")
    return subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# The clients


def request_bytes(path: str, port: int, cookie: str | None) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "X-Forwarded-Proto: https",
        "Accept: text/html",
        "User-Agent: deskbook-bench",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def read_response(reader) -> tuple[int, dict[str, str]]:
    """Status and headers; the body is read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    headers = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        headers["connection"] = "close"
    return status, headers


async def client(port: int, payload: bytes, until: float, result: Result) -> None:
    reader = writer = None
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(payload)
            status, headers = await asyncio.wait_for(
                read_response(reader), REQUEST_TIMEOUT_S
            )
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as e:
            result.errors += 1
            if len(result.error_samples) < 3:
                result.error_samples.append(f"{type(e).__name__}: {e}")
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        elapsed_ms = (time.perf_counter() - started) * 1000
        if status == 200:
            result.latencies_ms.append(elapsed_ms)
            if headers.get("x-deskbook-cache") == "hit":
                result.hits += 1
        else:
            result.errors += 1
            if len(result.error_samples) < 3:
                result.error_samples.append(f"HTTP {status}")
        if headers.get("connection", "").lower() == "close":
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def drive(port, name, path, clients, seconds, cookie=None, into=None) -> Result:
    """Drive ``clients`` at ``path`` for ``seconds``, adding to ``into`` if given."""
    result = into or Result(name, path)
    payload = request_bytes(path, port, cookie)
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(
        *(client(port, payload, until, result) for _ in range(clients))
    )
    result.seconds += time.perf_counter() - started
    return result


def wait_until_up(server: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log_path.read_text()[-3000:]}")
        result = asyncio.run(drive(port, "probe", "/bench/bare/", 1, 0.01))
        if result.latencies_ms:
            return
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer in 60 s:\n{log_path.read_text()[-3000:]}")


# The report


def print_table(results: list[Result], bare: Result) -> None:
    header = (
        f"{'target':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'errors':>7}{'cached':>8}{'vs bare':>9}"
    )
    print("\n" + header)
    for r in results:
        cached = f"{100 * r.hits / len(r.latencies_ms):.0f}%" if r.latencies_ms else "-"
        if r is bare:
            cached = "-"
        print(
            f"{r.name:<18}{r.requests:>9}{r.rate:>9.0f}{r.percentile(0.5):>8.1f}"
            f"{r.percentile(0.95):>8.1f}{r.percentile(0.99):>8.1f}{r.errors:>7}"
            f"{cached:>8}{r.rate / bare.rate if bare.rate else 0:>8.2f}x"
        )
    for r in results:
        for sample in r.error_samples:
            print(f"  {r.name}: {sample}")


def print_checks(by_name: dict[str, Result]) -> bool:
    bare, article = by_name["bare"], by_name["article"]
    cached = [by_name[name] for name in CACHED_TARGETS]
    checks = [
        (
            f"cached article ≥ {TARGET_RATIO:.0%} of the bare view's req/s "
            f"({article.rate / bare.rate:.0%})",
            article.rate >= TARGET_RATIO * bare.rate,
        ),
        *(
            (
                f"p99 {r.name} ≤ {TARGET_P99_MS} ms ({r.percentile(0.99):.1f})",
                r.percentile(0.99) <= TARGET_P99_MS,
            )
            for r in cached
        ),
        (
            "0 errors on every target",
            all(r.errors == 0 and r.latencies_ms for r in by_name.values()),
        ),
        (
            "article, index and home answered from the page cache",
            all(r.hits == len(r.latencies_ms) for r in cached),
        ),
    ]
    print("\nTargets:")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return all(ok for _, ok in checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per target")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=2, help="turns through the targets"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--no-uncached",
        action="store_true",
        help="skip the article rendered without the cache (for reference only)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    print(machine_line())

    server = None
    try:
        started = time.perf_counter()
        article = build_site(args.articles)
        print(
            f"Built the site with {args.articles} articles in "
            f"{time.perf_counter() - started:.1f}s (scratch: {BENCH_DIR})"
        )
        started = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"Collected static files in {time.perf_counter() - started:.1f}s")

        port = free_port()
        log_path = BENCH_DIR / "gunicorn.log"
        server = start_gunicorn(port, args.workers, log_path)
        wait_until_up(server, port, log_path)

        targets = [
            ("bare", "/bench/bare/", None),
            ("article", article.url, None),
            ("index", "/awareness/", None),
            ("home", "/", None),
        ]
        if not args.no_uncached:
            targets.append(("article, uncached", article.url, UNCACHED_COOKIE))
        # Every worker renders and stores each page once before the clock starts.
        for name, path, cookie in targets:
            asyncio.run(drive(port, name, path, args.clients, 1.0, cookie))

        load_before = os.getloadavg()
        print(
            f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}; "
            f"{args.clients} clients, {args.seconds:g}s per target in "
            f"{args.rounds} rounds; "
            f"{os.cpu_count()} CPUs, load {load_before[0]:.2f}"
        )
        # Rounds take turns through the targets, so a change in the machine's
        # other load falls on all of them alike.
        results = [Result(name, path) for name, path, _ in targets]
        for _ in range(args.rounds):
            for result, (name, path, cookie) in zip(results, targets, strict=True):
                share = args.seconds / args.rounds
                asyncio.run(
                    drive(port, name, path, args.clients, share, cookie, into=result)
                )
        load_after = os.getloadavg()
        by_name = {r.name: r for r in results}
        print_table(results, by_name["bare"])
        print(
            f"\nLoad average (1 min) {load_before[0]:.2f} before, "
            f"{load_after[0]:.2f} after; this machine's other work shares the CPUs."
        )
        return 0 if print_checks(by_name) else 1
    finally:
        if server is not None:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
