"""The import name ``govkg`` for a checkout run from its own folder (``PYTHONPATH=$PWD``, pytest).

Installed, ``govkg`` is a package whose parts ``govkg.api``, ``govkg.kg``, ``govkg.ingest`` and
``govkg.ontology`` are the folders ``api/``, ``kg/``, ``ingest/`` and ``ontology/`` (setup.py). Here no
folder is called ``govkg``, so this module takes its place: its ``__path__`` is the checkout, which
makes ``govkg.kg`` the folder ``kg/`` of this checkout (not of some other installed copy). Found
before any installed govkg whenever the checkout comes first on ``sys.path``.
"""
from pathlib import Path as _Path

__path__ = [str(_Path(__file__).resolve().parent)]

if __name__ == "__main__":        # python -m govkg, from the checkout
    from govkg.api.cli import main

    main()
