"""``python -m sheyin`` runs the ``sheyin`` command."""

from sheyin.cli import main

main()
