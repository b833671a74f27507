"""Police-force figures: forces, measures, sources, figures, their blocks and data pages.

This package is named `statistics`, like the standard library module, and run from the
project root it shadows it: `import statistics` anywhere (Django's SQLite backend reads
`statistics.pstdev` at import time) finds this package. So every name the package does not
define resolves to the standard library's module (PEP 562 module `__getattr__`), loaded
from the standard library's own file under a private name.
"""

import importlib.util
import sys
import sysconfig
from pathlib import Path

_STDLIB_NAME = "_stdlib_statistics"


def _stdlib():
    module = sys.modules.get(_STDLIB_NAME)
    if module is None:
        path = Path(sysconfig.get_paths()["stdlib"]) / "statistics.py"
        spec = importlib.util.spec_from_file_location(_STDLIB_NAME, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[_STDLIB_NAME] = module
        spec.loader.exec_module(module)
    return module


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_stdlib(), name)


def __dir__():
    return sorted(set(globals()) | set(dir(_stdlib())))
