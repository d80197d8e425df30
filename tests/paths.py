"""Where the project, its shared upstream files are, for tests in any layer folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_UPSTREAM = SHARED / "data" / "upstream" / "massive-missile-attacks"
SHARED_LISTS = SHARED / "data" / "upstream" / "sanctions-lists"
SHARED_BOUNDARIES = SHARED / "data" / "boundaries"
