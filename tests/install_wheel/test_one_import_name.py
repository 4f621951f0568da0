"""Installed, govkg is one import name: its wheel beside another distribution's top-level ``api``.

The wheel is built from the repository's folders, installed into a fresh venv next to a distribution
that owns the name ``api`` (as generic names go, a likely neighbour), and used from there: both import,
``python -m govkg`` and the ``govkg`` command work, and the package data (patterns, Turtle, gap queries,
templates, static files) is found by a real ingest and a real server. The venv borrows the
dependencies of the interpreter running the tests (a ``.pth`` line, no download); nothing of the
checkout is on its path.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, free_port, running_server

pytestmark = pytest.mark.slow

LAYERS = ("ontology", "ingest", "kg", "api")
OTHER_API = '"""Someone else\'s top-level api package."""\nWHO = "other-api"\n'


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def _source_copy(work: Path) -> Path:
    """What a release is built from: the packaging files and the four folders (no caches, no venvs)."""
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for folder in LAYERS:
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    return source


def _other_api_wheel(out: Path) -> Path:
    """A minimal wheel of a distribution ``other-api`` that provides the top-level package ``api``."""
    files = {
        "api/__init__.py": OTHER_API,
        "other_api-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: other-api\nVersion: 1.0\n",
        "other_api-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    record.append("other_api-1.0.dist-info/RECORD,,")
    files["other_api-1.0.dist-info/RECORD"] = "\n".join(record) + "\n"
    wheel = out / "other_api-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("one-import-name")
    wheels = work / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels),
          str(_source_copy(work))], cwd=work, timeout=600)
    [govkg_wheel] = wheels.glob("govkg-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=work).stdout.strip())
    here = sysconfig.get_paths()
    (site / "borrowed_dependencies.pth").write_text(f"{here['purelib']}\n{here['platlib']}\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
          str(_other_api_wheel(wheels)), str(govkg_wheel)], cwd=work)
    return {"work": work, "venv": venv, "python": python, "site": site, "wheel": govkg_wheel}


def test_the_wheel_has_one_top_level_name_and_every_subpackage(installed: dict) -> None:
    with zipfile.ZipFile(installed["wheel"]) as archive:
        names = archive.namelist()
    tops = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert tops == {"govkg"}
    expected = {f"govkg/{init.parent.relative_to(ROOT).as_posix()}/__init__.py"
                for layer in LAYERS for init in (ROOT / layer).rglob("__init__.py")
                if "govkg_root" not in init.parts}
    assert expected <= set(names), sorted(expected - set(names))
    assert {"govkg/__init__.py", "govkg/__main__.py"} <= set(names)
    assert not any(name.startswith("govkg/api/govkg_root") for name in names)


def test_both_distributions_import_side_by_side(installed: dict) -> None:
    probe = """
import json, api, govkg, govkg.api.app, govkg.kg.gaps, govkg.ingest.extract, govkg.ontology
from pathlib import Path
print(json.dumps({
    "api_who": api.WHO, "api": api.__file__, "govkg": govkg.__file__, "app": govkg.api.app.__file__,
    "queries": sorted(p.name for p in Path(govkg.kg.gaps.QUERY_DIR).glob("*.rq")),
    "ttl": sorted(p.name for p in Path(govkg.ontology.__file__).parent.glob("*.ttl")),
}))
"""
    seen = json.loads(_run([str(installed["python"]), "-c", probe], cwd=installed["work"]).stdout)
    site = str(installed["site"])
    assert seen["api_who"] == "other-api"
    assert seen["api"].startswith(site) and seen["govkg"].startswith(site) and seen["app"].startswith(site)
    assert len(seen["queries"]) >= 5 and "govkg.ttl" in seen["ttl"]


def test_python_m_govkg_and_the_command_run_the_cli(installed: dict) -> None:
    venv, work = installed["venv"], installed["work"]
    by_module = _run([str(installed["python"]), "-m", "govkg", "--version"], cwd=work).stdout
    by_command = _run([str(venv / "bin" / "govkg"), "--version"], cwd=work).stdout
    assert by_module.startswith("govkg 0.") and by_module == by_command


def test_the_installed_package_ingests_and_serves_with_its_own_data(installed: dict) -> None:
    venv, work, site = installed["venv"], installed["work"], installed["site"]
    govkg = str(venv / "bin" / "govkg")
    law = site / "govkg" / "ingest" / "corpus" / "en_gdpr_ch4.md"        # the bundled corpus is package data
    store = work / "store"
    _run([govkg, "ingest", "--store", str(store), str(law)], cwd=work)
    port = free_port()
    with running_server([govkg, "serve", "--store", str(store), "--port", str(port)], port,
                        env={"PYTHONPATH": ""}, ready_path="/sparql") as base:
        home = httpx.get(base + "/", timeout=30)                       # a template
        gaps = httpx.get(base + "/gaps?limit=5", timeout=60)            # the gap queries (.rq)
        ontology = httpx.get(base + "/ontology", headers={"Accept": "text/turtle"}, timeout=30)   # the Turtle
        yasgui = httpx.get(base + "/sparql", headers={"Accept": "text/html"}, timeout=30)        # static files
    assert home.status_code == 200 and "en_gdpr_ch4" in home.text
    assert gaps.status_code == 200 and gaps.json()["total"] > 0
    assert ontology.status_code == 200 and "owl:Ontology" in ontology.text
    assert yasgui.status_code == 200 and "yasgui" in yasgui.text.lower()
