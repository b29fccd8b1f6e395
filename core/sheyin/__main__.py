"""``python -m sheyin`` runs the ``sheyin`` command."""

from sheyin.launch import main

main()
