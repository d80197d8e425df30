"""`python -m dashboard serve`: several Streamlit servers behind Debian's nginx.

One Streamlit process runs one core's worth of script runs, so a crowd opening a briefing link
queues behind it. This starts `replicas` servers on loopback ports and nginx in front of them:
sticky sessions (a session's websocket, its downloads and its media must reach the process that
holds its state), gzip, the security headers of `security_headers()`, passive health checks in nginx
and a supervisor here that restarts a replica that dies. Ctrl-C (or SIGTERM) stops everything.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
HEALTH_PATH = "/_stcore/health"
REPLICA_COOKIE = "st_replica"

def streamlit_inline_script_hashes() -> list[str]:
    """CSP hashes of the inline scripts in the installed Streamlit's index.html (one line that tells
    prerenderers the page is not ready), so exactly those run and no other inline script does."""
    import streamlit

    page = (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"
            for body in re.findall(r"<script>(.*?)</script>", page, flags=re.S)]


def content_security_policy() -> str:
    """Each allowance beyond 'self', and why (checked page by page in tests/browser/test_proxy.py)."""
    return "; ".join([
        "default-src 'self'",
        # Streamlit's bundle and plotly.js are served by the app itself; plotly compiles its number and
        # date formatters with `new Function`, which needs 'unsafe-eval'. Inline scripts: only
        # Streamlit's own, by hash.
        " ".join(["script-src 'self' 'unsafe-eval'", *streamlit_inline_script_hashes()]),
        # Streamlit (emotion) and plotly set styles at run time in <style> elements and style attributes.
        "style-src 'self' 'unsafe-inline'",
        # Chart images, icons and the chart modebar's download are data: and blob: URLs.
        "img-src 'self' data: blob:",
        # Streamlit's fonts ship with the app; some are inlined as data: URLs.
        "font-src 'self' data:",
        # The websocket and the app's own requests; 'self' covers ws:/wss: to this host.
        "connect-src 'self'",
        # deck.gl and Streamlit start web workers from blob: URLs.
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        # Embedding only in pages of this same site: a briefing that wants the dashboard framed elsewhere
        # adds its origin here.
        "frame-ancestors 'self'",
    ])


def security_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",  # frame-ancestors for browsers that predate it
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }


class ServeError(Exception):
    """Why the replicas or the proxy could not start: one line for the user."""


def nginx_path() -> str | None:
    for candidate in NGINX_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("nginx")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(port: int, replica_ports: list[int], workdir: Path, listen: str = "0.0.0.0") -> str:
    """nginx.conf for the proxy: everything it writes stays in `workdir`."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=2 fail_timeout=5s;" for p in replica_ports)
    headers = "\n".join(f'            add_header {name} "{value}" always;'
                         for name, value in security_headers().items())
    temp = "\n".join(f"    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                             "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes auto;
pid {workdir / 'nginx.pid'};
error_log stderr warn;

events {{
    worker_connections 1024;
}}

http {{
    access_log off;
{temp}
    server_tokens off;

    gzip on;
    gzip_proxied any;
    gzip_min_length 1024;
    gzip_types text/plain text/css text/csv application/javascript application/json image/svg+xml;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}
    # Sticky sessions: the first request of a browser gets a random key in a cookie, and every later
    # request of that browser (the websocket, downloads, media) hashes to the same replica. A client
    # without cookies (the load script) is spread over the replicas one connection at a time.
    map $cookie_{REPLICA_COOKIE} $replica_key {{
        ""      $request_id;
        default $cookie_{REPLICA_COOKIE};
    }}
    map $cookie_{REPLICA_COOKIE} $replica_cookie {{
        ""      "{REPLICA_COOKIE}=$request_id; Path=/; HttpOnly; SameSite=Lax";
        default "";
    }}

    upstream streamlit {{
        hash $replica_key consistent;
{servers}
    }}

    server {{
        listen {listen}:{port};

        location / {{
            proxy_pass http://streamlit;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A Streamlit session lives as long as its websocket.
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_max_temp_file_size 0;
            # A replica that refuses or fails is skipped (passive health check).
            proxy_next_upstream error timeout http_502 http_503;
            add_header Set-Cookie $replica_cookie;
{headers}
        }}
    }}
}}
"""


@dataclass
class Replica:
    port: int
    process: subprocess.Popen


def _start_replica(port: int, python: str, data_dir: Path | None, log_dir: Path, cookie_secret: str) -> Replica:
    command = [python, "-m", "streamlit", "run", str(APP), "--server.headless=true", f"--server.port={port}",
               "--server.address=127.0.0.1", "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    # One cookie secret for all replicas: an XSRF cookie signed by one is accepted by the others.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret}
    if data_dir is not None:
        env["DASHBOARD_DATA_DIR"] = str(data_dir)
    log = (log_dir / f"replica-{port}.log").open("ab")
    return Replica(port, subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True))


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH_PATH}", timeout=2) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def _wait_healthy(ports: list[int], processes: list[subprocess.Popen], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = set(ports)
    while waiting:
        if any(process.poll() is not None for process in processes):
            raise ServeError("a server exited while starting; see its log")
        waiting = {port for port in waiting if not _healthy(port)}
        if waiting and time.monotonic() > deadline:
            raise ServeError(f"no health answer from port(s) {sorted(waiting)} within {timeout:.0f} s")
        time.sleep(0.2)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def serve(port: int, replicas: int, data_dir: Path | None = None, listen: str = "0.0.0.0",
          report: Callable[[str], None] = print, start_timeout: float = 90.0) -> int:
    """Run until interrupted; return the exit status."""
    nginx = nginx_path()
    if nginx is None:
        raise ServeError("nginx is not installed; `apt-get install nginx-light` (Debian) or see the README")
    if replicas < 1:
        raise ServeError("--replicas must be at least 1")
    workdir = Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / kind).mkdir()
        # nginx workers may run as another user than the master.
        (workdir / kind).chmod(0o777)
    workdir.chmod(0o755)
    cookie_secret = secrets.token_hex(32)
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    replica_list: list[Replica] = []
    proxy: subprocess.Popen | None = None
    try:
        for _ in range(replicas):
            replica_list.append(_start_replica(free_port(), sys.executable, data_dir, workdir, cookie_secret))
        _wait_healthy([r.port for r in replica_list], [r.process for r in replica_list], start_timeout)
        config = workdir / "nginx.conf"
        config.write_text(nginx_config(port, [r.port for r in replica_list], workdir, listen), encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-q", "-c", str(config), "-p", str(workdir)], capture_output=True,
                               text=True)
        if check.returncode != 0:
            raise ServeError(f"nginx refused its configuration: {check.stderr.strip().splitlines()[-1]}")
        proxy = subprocess.Popen([nginx, "-c", str(config), "-p", str(workdir)], start_new_session=True)
        _wait_healthy([port], [proxy], 15)
        report(f"Serving http://localhost:{port} — nginx in front of {replicas} Streamlit server(s) on ports "
               f"{', '.join(str(r.port) for r in replica_list)}. Ctrl-C stops everything.")
        while not stopping:
            if proxy.poll() is not None:
                raise ServeError(f"nginx exited with status {proxy.returncode}")
            for index, replica in enumerate(replica_list):
                if replica.process.poll() is not None and not stopping:
                    report(f"replica on port {replica.port} exited ({replica.process.returncode}); restarting it")
                    replica_list[index] = _start_replica(replica.port, sys.executable, data_dir, workdir,
                                                         cookie_secret)
            time.sleep(1)
        report("Stopping nginx and the Streamlit servers…")
        return 0
    finally:
        _stop(([proxy] if proxy else []) + [r.process for r in replica_list])
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        shutil.rmtree(workdir, ignore_errors=True)
