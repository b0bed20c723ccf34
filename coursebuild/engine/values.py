"""A snippet's top-level variables as JSON, for pages that quote them (``\\val{stem.name:spec}``).

A snippet stays a plain program: it imports nothing and calls nothing. After it ran, the worker reads its
globals and keeps the names a page asked for. Numbers, strings and booleans are kept as they are; lists and
tuples of them, and tensors or arrays of at most :data:`MAX_ELEMENTS` elements, become nested lists. Anything
else is recorded as unformattable, with its type, so that the page's error can say what it is.
"""

from __future__ import annotations

import math
from typing import Any

MAX_ELEMENTS = 64
UNFORMATTABLE = "$unformattable"


def public_names(namespace: dict) -> list[str]:
    """Every top-level name a reader of the program would call a variable (no modules, functions, classes)."""
    import types

    return sorted(n for n, v in namespace.items() if not n.startswith("_")
                  and not isinstance(v, types.ModuleType | types.FunctionType | type))


def _number(x: float) -> Any:
    return x if math.isfinite(x) else {"$float": repr(x)}


def to_json(value: Any, depth: int = 0) -> Any:
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        return _number(value)
    if depth < 4 and isinstance(value, list | tuple) and len(value) <= MAX_ELEMENTS:
        items = [to_json(v, depth + 1) for v in value]
        if not any(isinstance(i, dict) and UNFORMATTABLE in i for i in items):
            return items
    kind = type(value).__module__.split(".")[0]
    if kind in ("torch", "numpy") and hasattr(value, "tolist"):
        size = getattr(value, "numel", None)
        count = size() if callable(size) else getattr(value, "size", MAX_ELEMENTS + 1)
        if count <= MAX_ELEMENTS:
            data = value.detach().tolist() if hasattr(value, "detach") else value.tolist()
            return to_json(data, depth) if isinstance(data, list) else to_json(data)
    return {UNFORMATTABLE: f"{type(value).__module__}.{type(value).__qualname__}"}


def from_json(value: Any) -> Any:
    """The JSON back as Python values (non-finite floats restored)."""
    if isinstance(value, list):
        return [from_json(v) for v in value]
    if isinstance(value, dict) and "$float" in value:
        return float(value["$float"])
    return value


#: A requested name that starts with this is exported whole, as JSON (a data file the site ships), not as a value.
EXPORT = "="


def export(value: Any) -> Any:
    """A whole JSON-able value (dicts and long lists too), checked by a round trip; NaN and infinity refused."""
    import json

    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        return {UNFORMATTABLE: f"{type(value).__module__}.{type(value).__qualname__} (not JSON: {exc})"}


def extract(namespace: dict, wanted: list[str]) -> tuple[dict[str, Any], list[str]]:
    names = public_names(namespace)
    values = {}
    for name in wanted:
        if name.startswith(EXPORT) and name[1:] in namespace:
            values[name] = export(namespace[name[1:]])
        elif name in namespace:
            values[name] = to_json(namespace[name])
    return values, names
