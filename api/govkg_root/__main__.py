"""``python -m govkg``: the ``govkg`` command line."""
from govkg.api.cli import main

main()
