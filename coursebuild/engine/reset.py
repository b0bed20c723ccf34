"""The state every snippet starts from: seeds, print options, warnings, matplotlib.

Set once in the warm interpreter, after its imports and before its first fork (``worker.main``): every child is a
copy of it, and the interpreter itself never runs a snippet, so each snippet starts from exactly this state
without paying for it again (≈ 15 ms a snippet, most of it matplotlib's ``rcdefaults``). What a fork does not
carry over is set in the child (:func:`reset_child`)."""

from __future__ import annotations

import random
import sys
import warnings

from .figures import reset_matplotlib

#: A fresh interpreter seeds torch, numpy and random from the OS: unseeded snippets would differ
#: from run to run. Inside the engine they all start from this seed (pages still seed explicitly).
SEED = 0


def reset_state() -> None:
    warnings.resetwarnings()
    warnings.simplefilter("default")
    # A Chinese label drawn without a CJK font shows boxes: make matplotlib's warning an error.
    warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
    if "numpy" in sys.modules:
        import numpy as np

        np.random.seed(SEED)
        np.set_printoptions(edgeitems=3, infstr="inf", linewidth=75, nanstr="nan", precision=8,
                            suppress=False, threshold=1000, formatter=None, sign="-",
                            floatmode="maxprec", legacy=False)
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(SEED)
        torch.set_printoptions(profile="default", sci_mode=None)
        torch.set_default_dtype(torch.float32)
        torch.set_grad_enabled(True)
    reset_matplotlib()


def reset_child(snippet_path: str) -> None:
    """In each forked child: what a fork does not carry over. Python's ``random`` reseeds itself from the OS in
    every child (``os.register_at_fork``), and ``sys.argv`` names the snippet."""
    sys.argv = [snippet_path]
    random.seed(SEED)
