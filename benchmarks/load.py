"""Many users: N concurrent sessions over Streamlit's websocket, cycling through every page.

    .venv/bin/python benchmarks/load.py [--url http://localhost:8080] [--sessions 50] [--cycles 2]
                                        [--think 5-10] [--deadline 110]

Against `--url` (a running `make serve` or `make run`), or else a `streamlit run` it starts on a
free loopback port. The sessions are not browsers: each speaks the websocket protocol, sending a
rerun and reading messages until the script finishes, back to back or, with `--think`, pausing a
random 5–10 s between clicks as a reader does. Prints p50/p95 time-to-script-finished per page and
errors, and the memory of a server it started itself. Stops by itself before the deadline.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from contextlib import contextmanager, nullcontext  # noqa: E402

from browser_support import streamlit_server  # noqa: E402

PAGES = ["overview", "strikes", "suppliers", "deals", "sanctions", "systems", "timeline", "map", "data"]
FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
# Navigating by page name ends the first run early and reruns on the right page: keep reading.
RERUNNING = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


def run_page(connection: websocket.WebSocket, page: str, deadline: float) -> tuple[float, str | None]:
    message = BackMsg()
    message.rerun_script.page_name = "" if page == "overview" else page
    message.rerun_script.query_string = ""
    started = time.perf_counter()
    connection.send_binary(message.SerializeToString())
    while time.monotonic() < deadline:
        connection.settimeout(max(0.1, deadline - time.monotonic()))
        frame = connection.recv()
        if not isinstance(frame, bytes):
            continue
        reply = ForwardMsg()
        reply.ParseFromString(frame)
        kind = reply.WhichOneof("type")
        if kind == "delta" and reply.delta.WhichOneof("type") == "new_element" \
                and reply.delta.new_element.WhichOneof("type") == "exception":
            return time.perf_counter() - started, f"{page}: exception {reply.delta.new_element.exception.message[:80]}"
        if kind == "script_finished":
            if reply.script_finished == RERUNNING:
                continue
            if reply.script_finished == FINISHED:
                return time.perf_counter() - started, None
            return time.perf_counter() - started, f"{page}: finished with status {reply.script_finished}"
    return time.perf_counter() - started, f"{page}: no script_finished before the deadline"


def session(url: str, index: int, cycles: int, deadline: float, think: tuple[float, float], timings: dict,
            errors: list, lock: threading.Lock):
    try:
        connection = websocket.create_connection(url.replace("http", "ws") + "/_stcore/stream",
                                                 subprotocols=["streamlit"], timeout=30)
    except (OSError, websocket.WebSocketException) as error:
        with lock:
            errors.append(f"session {index}: could not connect ({error})")
        return
    try:
        for cycle in range(cycles):
            for offset in range(len(PAGES)):
                if time.monotonic() > deadline:
                    return
                page = PAGES[(index + offset) % len(PAGES)]
                if think[1] and (cycle or offset):
                    time.sleep(min(random.uniform(*think), max(0.0, deadline - time.monotonic())))
                    if time.monotonic() > deadline:
                        return
                elapsed, error = run_page(connection, page, deadline)
                with lock:
                    timings[page].append(elapsed)
                    if error:
                        errors.append(f"session {index}: {error}")
    except (OSError, websocket.WebSocketException) as error:
        with lock:
            errors.append(f"session {index}: {type(error).__name__} {error}")
    finally:
        connection.close()


def rss_mb(pid: int) -> float:
    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1e6


def _think(value: str) -> tuple[float, float]:
    low, _, high = value.partition("-")
    return float(low), float(high or low)


@contextmanager
def _own_server():
    with streamlit_server() as url:
        yield url, next(p.pid for p in psutil.Process().children() if "streamlit" in " ".join(p.cmdline()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server, e.g. http://localhost:8080 (default: start one)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--cycles", type=int, default=2, help="times each session visits every page")
    parser.add_argument("--think", type=_think, default=(0.0, 0.0),
                        help="seconds each session pauses between clicks, e.g. 5-10 (default: none)")
    parser.add_argument("--deadline", type=float, default=110, help="seconds before everything stops")
    args = parser.parse_args()
    stop_at = time.monotonic() + args.deadline
    with (nullcontext((args.url.rstrip("/"), None)) if args.url else _own_server()) as (url, server_pid):
        warm = websocket.create_connection(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"])
        for page in PAGES:  # one visit per page, so the run measures sessions, not the first data load
            run_page(warm, page, stop_at)
        warm.close()
        before = rss_mb(server_pid) if server_pid else None
        timings: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        started = time.perf_counter()
        threads = [threading.Thread(target=session,
                                    args=(url, i, args.cycles, stop_at, args.think, timings, errors, lock))
                   for i in range(args.sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, stop_at - time.monotonic()) + 5)
        wall = time.perf_counter() - started
        after = rss_mb(server_pid) if server_pid else None

    runs = sum(len(t) for t in timings.values())
    pause = f", {args.think[0]:g}–{args.think[1]:g} s think time" if args.think[1] else ", back to back"
    print(f"{url}: {args.sessions} concurrent websocket sessions × {args.cycles} cycles over {len(PAGES)} pages"
          f"{pause}: {runs} script runs in {wall:.1f} s, {len(errors)} errors")
    everything = sorted(value for values in timings.values() for value in values)
    if everything:
        print(f"all pages: p50 {statistics.median(everything):.2f} s, "
              f"p95 {everything[int(0.95 * (len(everything) - 1))]:.2f} s")
    print(f"{'page':<12}{'runs':>6}{'p50 s':>8}{'p95 s':>8}")
    for page in PAGES:
        values = sorted(timings.get(page, []))
        if values:
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"{page:<12}{len(values):>6}{statistics.median(values):>8.2f}{p95:>8.2f}")
    if before is not None:
        print(f"server RSS: {before:.0f} MB before, {after:.0f} MB after ({after - before:+.0f} MB)")
    for error in errors[:20]:
        print("error:", error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
