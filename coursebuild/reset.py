"""The deterministic state every snippet starts from, so that no snippet sees another's leftovers."""

from __future__ import annotations

import os
import random
import sys
import warnings

from . import ROOT
from .figures import reset_matplotlib

#: torch seeds its default generator with this constant at import; a fresh ``python x.py`` sees it.
TORCH_IMPORT_SEED = 67280421310721


def reset_state(snippet_path: str) -> None:
    os.chdir(ROOT)
    sys.argv = [snippet_path]
    random.seed(0)
    warnings.resetwarnings()
    warnings.simplefilter("default")
    # A Chinese label drawn without a CJK font shows boxes: make matplotlib's warning an error.
    warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
    if "numpy" in sys.modules:
        import numpy as np

        np.random.seed(0)
        np.set_printoptions(edgeitems=3, infstr="inf", linewidth=75, nanstr="nan", precision=8,
                            suppress=False, threshold=1000, formatter=None, sign="-",
                            floatmode="maxprec", legacy=False)
    if "torch" in sys.modules:
        import torch

        torch.manual_seed(TORCH_IMPORT_SEED)
        torch.set_printoptions(profile="default", sci_mode=None)
        torch.set_default_dtype(torch.float32)
        torch.set_grad_enabled(True)
    reset_matplotlib()
