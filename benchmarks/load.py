"""Many users: N concurrent sessions over Streamlit's websocket, cycling through every page.

    .venv/bin/python benchmarks/load.py [--sessions 50] [--cycles 2] [--deadline 110]

Starts `streamlit run` on a free loopback port, opens the sessions (no browsers: each speaks the
websocket protocol, sending a rerun and reading messages until the script finishes), and prints
p50/p95 time-to-script-finished per page, errors, and the server's memory before and after. It
only talks to 127.0.0.1 and stops by itself before the deadline.
"""

from __future__ import annotations

import argparse
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


def session(url: str, index: int, cycles: int, deadline: float, timings: dict, errors: list, lock: threading.Lock):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--cycles", type=int, default=2, help="times each session visits every page")
    parser.add_argument("--deadline", type=float, default=110, help="seconds before everything stops")
    args = parser.parse_args()
    stop_at = time.monotonic() + args.deadline
    with streamlit_server() as url:
        server_pid = next(p.pid for p in psutil.Process().children() if "streamlit" in " ".join(p.cmdline()))
        warm = websocket.create_connection(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"])
        for page in PAGES:  # one visit per page, so the run measures sessions, not the first data load
            run_page(warm, page, stop_at)
        warm.close()
        before = rss_mb(server_pid)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        started = time.perf_counter()
        threads = [threading.Thread(target=session, args=(url, i, args.cycles, stop_at, timings, errors, lock))
                   for i in range(args.sessions)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, stop_at - time.monotonic()) + 5)
        wall = time.perf_counter() - started
        after = rss_mb(server_pid)

    runs = sum(len(t) for t in timings.values())
    print(f"{args.sessions} concurrent websocket sessions × {args.cycles} cycles over {len(PAGES)} pages: "
          f"{runs} script runs in {wall:.1f} s, {len(errors)} errors")
    print(f"{'page':<12}{'runs':>6}{'p50 s':>8}{'p95 s':>8}")
    for page in PAGES:
        values = sorted(timings.get(page, []))
        if values:
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"{page:<12}{len(values):>6}{statistics.median(values):>8.2f}{p95:>8.2f}")
    print(f"server RSS: {before:.0f} MB before, {after:.0f} MB after ({after - before:+.0f} MB)")
    for error in errors[:20]:
        print("error:", error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
