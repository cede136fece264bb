"""Free-form crossword generator with a text clue and an emoji-only clue per entry.

The public surface: what the two edges (``web/`` and ``crossword/cli.py``) use,
and all a program needs to make, edit, store and export puzzles::

    from crossword import Request, generate, offline_provider, puzzle_to_dict

    puzzle = generate(Request(words=["otter", "heron", "trout"], seed=3), offline_provider())
    data = puzzle_to_dict(puzzle)

Two modules are public as namespaces, reached through this package
(``from crossword import export, limits, settings``): ``export`` (one registry of
file formats with their options), ``limits`` (the bounds of one request, which
the API schemas, the maker page and the CLI all read) and ``settings`` (every
setting declared once, which the web config, the CLI and docs/CONFIG.md follow).  Everything else is
internal and may change; tests/test_architecture.py keeps the edges on this
surface.  The package is typed (``py.typed``).
"""

__version__ = "0.1.0"  # export/ipuz.py writes it into every file

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

# Names load on first use (PEP 562), so ``import crossword.lexicon`` or the CLI's
# ``--help`` does not pay for Flask-free but heavy modules (emoji tables, exports).
_EXPORTS = {
    "Hints": ".puzzle",
    "CrosswordError": ".errors",
    "DEFAULT_BUDGET": ".layout",
    "DataError": ".errors",
    "Database": ".db",
    "DatabaseError": ".db",
    "Entry": ".grid",
    "EntryJSON": ".serialize",
    "ExportError": ".errors",
    "Grid": ".grid",
    "HintEdit": ".edit",
    "HintError": ".errors",
    "HintProvider": ".hints",
    "LayoutError": ".errors",
    "ModelCalls": ".hints.calls",
    "Puzzle": ".puzzle",
    "PuzzleError": ".errors",
    "PuzzleJSON": ".serialize",
    "ProviderConfig": ".hints.config",
    "Request": ".generate",
    "SpendCap": ".spend",
    "Tracer": ".trace",
    "Transaction": ".db",
    "WordListError": ".errors",
    "chosen_provider": ".hints.providers",
    "connect": ".db",
    "database_url": ".settings",
    "edit_problems": ".edit",
    "edit_puzzle": ".edit",
    "entry_label": ".edit",
    "export": ".export",
    "generate": ".generate",
    "lay_out": ".layout",
    "limits": ".limits",
    "lines_to_words": ".generate",
    "load_themes": ".themes",
    "make_provider": ".hints.providers",
    "migrate": ".migrations",
    "offline_provider": ".hints.providers",
    "parse_line": ".words",
    "parse_words": ".words",
    "provider_for": ".hints.providers",
    "provider_from_settings": ".hints.providers",
    "puzzle_from_dict": ".serialize",
    "puzzle_to_dict": ".serialize",
    "settings": ".settings",
}

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from . import export, limits, settings
    from .db import Database, DatabaseError, Transaction, connect
    from .edit import HintEdit, edit_problems, edit_puzzle, entry_label
    from .errors import (
        CrosswordError,
        DataError,
        ExportError,
        HintError,
        LayoutError,
        PuzzleError,
        WordListError,
    )
    from .generate import Request, generate, lines_to_words
    from .grid import Entry, Grid
    from .hints import HintProvider
    from .hints.calls import ModelCalls
    from .hints.config import ProviderConfig
    from .hints.providers import (
        chosen_provider,
        make_provider,
        offline_provider,
        provider_for,
        provider_from_settings,
    )
    from .layout import DEFAULT_BUDGET, lay_out
    from .migrations import migrate
    from .puzzle import Hints, Puzzle
    from .serialize import EntryJSON, PuzzleJSON, puzzle_from_dict, puzzle_to_dict
    from .settings import database_url
    from .spend import SpendCap
    from .themes import load_themes
    from .trace import Tracer
    from .words import parse_line, parse_words


class _Surface(ModuleType):
    """Importing the submodule ``crossword.generate`` makes Python set the package's
    ``generate`` attribute to that module, hiding the function (eager imports used to
    rebind it).  Keep the function: a submodule never replaces an exported name."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, ModuleType) and name in _EXPORTS and name not in _MODULES:
            return
        super().__setattr__(name, value)


_MODULES = ("export", "limits", "settings")  # exported as modules themselves
sys.modules[__name__].__class__ = _Surface


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crossword' has no attribute {name!r}")
    value = import_module(module, __name__)
    if name not in _MODULES:
        value = getattr(value, name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_BUDGET",
    "Hints",
    "CrosswordError",
    "Database",
    "DataError",
    "DatabaseError",
    "Entry",
    "EntryJSON",
    "ExportError",
    "Grid",
    "HintEdit",
    "HintError",
    "HintProvider",
    "LayoutError",
    "ModelCalls",
    "Puzzle",
    "PuzzleError",
    "ProviderConfig",
    "PuzzleJSON",
    "Request",
    "SpendCap",
    "Tracer",
    "Transaction",
    "WordListError",
    "__version__",
    "chosen_provider",
    "connect",
    "database_url",
    "edit_problems",
    "edit_puzzle",
    "entry_label",
    "export",
    "generate",
    "lay_out",
    "limits",
    "lines_to_words",
    "load_themes",
    "make_provider",
    "migrate",
    "offline_provider",
    "parse_line",
    "parse_words",
    "provider_for",
    "provider_from_settings",
    "puzzle_from_dict",
    "puzzle_to_dict",
    "settings",
]
