"""`python -m dashboard export`: slide-size images with their CSVs and an index, refused options named in
one line, and a clear line when there is no browser for the images."""


import pytest

from dashboard.charts import Inputs, build
from dashboard.data.contract import load_contract
from dashboard.data.validation import load_data
from dashboard.transforms.filters import Filters


@pytest.mark.slow
def test_export_writes_valid_images_of_the_expected_size(tmp_path):
    pytest.importorskip("kaleido")
    from browser_support import chromium_path

    chromium_path()  # fail in CI, skip elsewhere, when there is no browser for kaleido
    from dashboard.cli import main

    inputs = Inputs(load_data(), load_contract(), Filters())

    out = tmp_path / "pack"
    assert main(["export", "--out", str(out), "--format", "png,svg"]) == 0
    pngs, svgs = sorted(out.glob("*.png")), sorted(out.glob("*.svg"))
    assert len(pngs) >= 8 and len(svgs) == len(pngs)
    for png in pngs:
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        chart = build(png.stem.rsplit("_", 1)[0], inputs)
        assert (width, height) == (2400, 2 * max(675, chart.figure["layout"]["height"])), png.name
        assert (out / f"{png.stem}.csv").exists()
        svg = (out / f"{png.stem}.svg").read_text()
        assert svg.lstrip().startswith("<svg") and 'width="1200"' in svg and f'height="{height // 2}"' in svg
    index = (out / "index.md").read_text()
    assert index.count(".png") == len(pngs) and "Source:" in index


def test_export_refuses_bad_options(tmp_path, capsys):
    from dashboard.cli import main

    assert main(["export", "--out", str(tmp_path), "--format", "gif"]) == 2
    assert main(["export", "--out", str(tmp_path), "--charts", "nope"]) == 2
    assert main(["export", "--out", str(tmp_path), "--start", "yesterday"]) == 2
    assert "error:" in capsys.readouterr().err


def test_export_without_a_browser_is_one_line(monkeypatch, tmp_path, capsys):
    from choreographer.browsers.chromium import Chromium

    from dashboard.cli import main

    monkeypatch.setattr(Chromium, "find_browser", staticmethod(lambda **_: None))
    assert main(["export", "--out", str(tmp_path / "pack"), "--charts", "designations"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: Static images need Chromium") and "\n" not in error
    assert not (tmp_path / "pack").exists()
