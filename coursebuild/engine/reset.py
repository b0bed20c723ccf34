"""The state every snippet starts from (in its forked child): seeds, print options, warnings, matplotlib."""

from __future__ import annotations

import random
import sys
import warnings

from .figures import reset_matplotlib

#: A fresh interpreter seeds torch, numpy and random from the OS: unseeded snippets would differ
#: from run to run. Inside the engine they all start from this seed (pages still seed explicitly).
SEED = 0


def reset_state(snippet_path: str) -> None:
    sys.argv = [snippet_path]
    random.seed(SEED)
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
