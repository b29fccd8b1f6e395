"""Files inside installed packages, found without importing importlib.resources when they
are plain folders.

``importlib.resources`` brings tempfile, shutil, zipfile and lzma with it: about a third
of what starting Python costs, paid by every command that reads a schema or a data
file. For a package that is a folder on the file system, what
``importlib.resources.files`` returns is that folder as a :class:`pathlib.Path`; only
other packages (in a zip file, namespace packages) go through importlib.resources.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable


def package_files(package: str) -> Traversable:
    """The files of ``package`` (imported if it is not), as ``importlib.resources.files``."""
    module = sys.modules.get(package) or import_module(package)
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if (
        spec is not None
        and spec.submodule_search_locations is not None
        and isinstance(origin, str)
        and os.path.basename(origin).startswith("__init__.")
        and os.path.isdir(os.path.dirname(origin))
    ):
        return Path(os.path.dirname(origin))
    from importlib import resources

    return resources.files(package)
