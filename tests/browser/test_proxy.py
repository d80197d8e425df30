"""`python -m dashboard serve`: two Streamlit replicas behind nginx. The security headers and gzip are
there; a download reaches the replica that holds its session; Ctrl-C stops every process. (Every page
through the proxy with the Content-Security-Policy on: tests/browser/test_pages_in_a_browser.py.)"""

import gzip
import signal
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from browser_support import chromium_path, served_behind_nginx, wait_until_idle
from dashboard.serve import security_headers

pytestmark = pytest.mark.browser


def _get(url: str, headers: dict[str, str] | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def proxy():
    chromium_path()
    with served_behind_nginx(replicas=2) as (url, process, replica_ports):
        assert len(replica_ports) == 2
        yield url, process, replica_ports


def test_health_and_security_headers_and_gzip(proxy):
    url, _, _ = proxy
    status, headers, body = _get(f"{url}/_stcore/health")
    assert (status, body) == (200, b"ok")
    for name, value in security_headers().items():
        assert headers[name] == value, name
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    _, page_headers, html = _get(f"{url}/")
    script = html.decode().split('src="')[1].split('"')[0]
    status, asset_headers, blob = _get(f"{url}/{script.lstrip('./')}", {"Accept-Encoding": "gzip"})
    assert status == 200 and asset_headers.get("Content-Encoding") == "gzip"
    assert len(gzip.decompress(blob)) > 2 * len(blob), "the bundle is compressed"
    assert page_headers["Set-Cookie"].count("st_replica=") == 1, "the sticky-session cookie is set"


def test_a_download_reaches_the_replica_that_holds_the_session(proxy, browser, tmp_path):
    url, _, _ = proxy
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/suppliers", wait_until="domcontentloaded")
        wait_until_idle(page)
        button = page.locator('[data-testid="stDownloadButton"] button:visible').filter(has_text="Data behind")
        expect(button.first).to_be_visible(timeout=60_000)
        with page.expect_download(timeout=60_000) as download:
            button.first.click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        assert target.suffix == ".zip" and target.stat().st_size > 1_000
    finally:
        context.close()


def test_ctrl_c_stops_nginx_and_every_replica(proxy):
    url, process, replica_ports = proxy
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    time.sleep(0.5)
    for address in [url] + [f"http://127.0.0.1:{port}" for port in replica_ports]:
        with pytest.raises(OSError):
            _get(f"{address}/_stcore/health")
