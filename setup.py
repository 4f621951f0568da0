"""Install the repository's folders under the one import name ``govkg``.

The folders ``api/``, ``kg/``, ``ingest/`` and ``ontology/`` stay at the top of the repository; installed,
they are ``govkg.api``, ``govkg.kg``, ``govkg.ingest`` and ``govkg.ontology`` (setuptools' package-dir
mapping), and ``govkg`` itself is ``api/govkg_root/`` (its ``__init__`` and ``__main__``, so that
``python -m govkg`` works). The packages are found here rather than listed in pyproject.toml so that a
new subpackage is installed without anyone remembering to add it.
"""
from setuptools import find_packages, setup

LAYERS = ("ontology", "ingest", "kg", "api")
ROOT_PACKAGE = "api/govkg_root"


def packages() -> list[str]:
    found = find_packages(include=[f"{layer}*" for layer in LAYERS], exclude=[ROOT_PACKAGE.replace("/", ".")])
    return ["govkg", *(f"govkg.{name}" for name in found)]


setup(packages=packages(), package_dir={"govkg": ROOT_PACKAGE, **{f"govkg.{layer}": layer for layer in LAYERS}})
