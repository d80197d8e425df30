"""What the Docker image is built from, checked here without building it (a build takes minutes): the
installed package carries every file of `dashboard/`, the image installs what CI installs from Debian,
runs where it reads the project's Streamlit settings, and its command is one the CLI takes. The image
itself was built and run with a Docker engine, and the browser tests pointed at it (DEPLOYED_URL,
README "Hosting for a crowd")."""

import re
import shlex
import shutil
import subprocess
import sys
import zipfile

import pytest

from dashboard.cli import build_parser
from paths import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _tracked(folder: str) -> set[str]:
    listed = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: no list of the project's files to compare with")
    return set(listed.stdout.split())


@pytest.mark.slow
def test_the_wheel_the_image_installs_carries_every_file_of_the_package(tmp_path):
    # The image's build context, copied: setuptools writes build/ into the tree it builds.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "dashboard", source / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "CITATION.cff"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path), str(source)],
                   check=True, cwd=tmp_path)
    (wheel,) = tmp_path.glob("dashboard-*.whl")
    shipped = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("dashboard/")}
    missing = _tracked("dashboard") - shipped
    assert not missing, f"`pip install .` would leave out {sorted(missing)}: add them to package-data"


def _debian_packages(text: str) -> set[str]:
    return {word for line in re.findall(r"apt-get install(?:[^\n\\]|\\\n)*", text)
            for word in line.replace("\\\n", " ").split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", word)
            and word not in {"apt-get", "install", "rm"}}


def test_the_image_installs_what_ci_installs_from_debian():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    wanted = set(re.findall(r"missing\+=\(([^)]*)\)", ci))
    ci_packages = {package for group in wanted for package in group.split()}
    assert ci_packages == {"chromium", "fonts-dejavu-core", "nginx-light"}
    assert ci_packages <= _debian_packages(DOCKERFILE)


def test_the_image_command_is_one_the_cli_takes():
    (command,) = re.findall(r"^CMD \[(.*)\]$", DOCKERFILE, flags=re.M)
    shell_line = [part.strip().strip('"').replace('\\"', '"') for part in command.split('", "')][-1]
    words = shlex.split(shell_line.replace('"$PORT"', "8080").replace('"$REPLICAS"', "2"))
    assert words[:4] == ["exec", "python", "-m", "dashboard"]
    arguments = build_parser().parse_args(words[4:])
    assert (arguments.port, arguments.replicas, arguments.data_dir) == (8080, 2, "/app/data")
    assert "--data-dir /app/data" in shell_line and "COPY data ./data" in DOCKERFILE


def test_the_image_serves_with_the_projects_streamlit_settings():
    # Streamlit reads .streamlit/config.toml from the folder it is started in: without it a container runs
    # with the default theme, shows tracebacks to visitors and collects garbage after every run.
    workdirs = re.findall(r"^WORKDIR (\S+)$", DOCKERFILE, flags=re.M)
    assert workdirs[-1] == "/app"
    copied = re.findall(r"^COPY (\S+) (\S+)$", DOCKERFILE[DOCKERFILE.rindex("WORKDIR /app"):], flags=re.M)
    assert (".streamlit", "./.streamlit") in copied
    assert (ROOT / ".streamlit" / "config.toml").is_file()
    assert ".streamlit" not in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
