"""Real-browser support: a `streamlit run` server on a free port and Debian's chromium.

In CI (CI=true) a missing browser is a failure, not a skip: browser tests must prove something.
"""

from __future__ import annotations

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from paths import ROOT

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _missing(message: str):
    """A machine program the test needs is absent: a failure in CI, a skip with the reason elsewhere."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def chromium_path() -> str:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or _missing(
        "no chromium found at /usr/bin/chromium (`apt-get install chromium`, or run .ci/run)")


def nginx_or_skip() -> str:
    """Debian's nginx, for the tests of `python -m dashboard serve`."""
    from dashboard.serve import nginx_path

    return nginx_path() or _missing("no nginx found (`apt-get install nginx-light`, or run .ci/run)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str] | None = None, timeout: float = 60.0, python: str | Path = sys.executable,
                     app: Path = ROOT / "dashboard" / "app.py", cwd: Path = ROOT):
    """`streamlit run app` with `python`, from `cwd`; yields the server's base URL."""
    port = free_port()
    command = [str(python), "-m", "streamlit", "run", str(app),
               "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
               "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    # The server log goes to a file, not a pipe: an unread pipe fills up and stalls the server.
    log = tempfile.NamedTemporaryFile(prefix="streamlit-", suffix=".log", delete=False)
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{Path(log.name).read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("streamlit did not answer /_stcore/health in time")
            time.sleep(0.2)
        yield url
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_idle(page, timeout_ms: int = 60_000) -> None:
    """Streamlit has finished the script run and drawn it: no sleeping on guesses."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout_ms)


_NOT_SHIPPED = shutil.ignore_patterns(".venv", ".git", "test-artifacts", "__pycache__", "*.egg-info", ".pytest_cache",
                                      "build", "dist")


def runtime_install(directory: Path, timeout: float = 900.0) -> Path:
    """A venv in `directory` with the project `pip install`ed as a user would after `make run` minus the
    checkout: not editable and without the test extra, so a file missing from the package shows.

    Installs from a copy of the project, so the build leaves nothing in the checkout. Returns the
    venv's python."""
    source = directory / "project"
    shutil.copytree(ROOT, source, ignore=_NOT_SHIPPED)
    subprocess.run([sys.executable, "-m", "venv", str(directory / "venv")], check=True, timeout=timeout)
    python = directory / "venv" / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             str(source)], capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise RuntimeError(f"pip install of the project failed:\n{result.stdout}\n{result.stderr}")
    shutil.rmtree(source)
    return python


def installed_package(python: Path, cwd: Path) -> Path:
    """Where `import dashboard` resolves for `python` run from `cwd`."""
    probe = subprocess.run([str(python), "-c", "import dashboard; print(dashboard.__file__)"], cwd=cwd,
                           capture_output=True, text=True, check=True, timeout=60)
    return Path(probe.stdout.strip()).parent


def app_paths() -> list[str]:
    """The URL path of every page the navigation lists in dashboard/app.py ("" for the default page,
    which Streamlit serves at the root whatever its url_path): a new page is covered without a test edit."""
    paths = []
    for node in ast.walk(ast.parse((ROOT / "dashboard" / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            options = {keyword.arg: ast.literal_eval(keyword.value) for keyword in node.keywords}
            if options.get("visibility") != "hidden":
                paths.append("" if options.get("default") else options["url_path"])
    return paths


@contextmanager
def served_behind_nginx(replicas: int = 2):
    """`python -m dashboard serve` on a free port: yields (url, process, replica ports); stops it after."""
    nginx_or_skip()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--port", str(port), "--replicas",
                                str(replicas), "--listen", "127.0.0.1"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        banner = process.stdout.readline()
        assert banner.startswith("Serving http://localhost:"), banner
        replica_ports = [int(p) for p in banner.split("on ports ")[1].split(".")[0].split(", ")]
        yield f"http://127.0.0.1:{port}", process, replica_ports
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


@contextmanager
def deployed_or_served(replicas: int = 2):
    """The deployment named by DEPLOYED_URL (a running container or host, checked healthy first), so the
    page tests can be pointed at it; otherwise `python -m dashboard serve` of this checkout. Yields the URL."""
    deployed = os.environ.get("DEPLOYED_URL", "").rstrip("/")
    if deployed:
        with urllib.request.urlopen(f"{deployed}/_stcore/health", timeout=10) as response:
            assert response.read() == b"ok", f"{deployed} is not healthy"
        yield deployed
        return
    with served_behind_nginx(replicas=replicas) as (url, _, _):
        yield url
