"""What one run of a snippet produced: its stdout, its figures (their dark-palette twins, an animation's still),
the texts they draw (and what they draw over what), and its values.

``values`` holds the top-level variables that pages reference (``\\val{stem.name}``), converted to JSON;
``names`` lists every public top-level name the program left, so that a page asking for a missing one can be
told what exists instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    stdout: str
    figures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    values: dict[str, Any] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    texts: list[list[str]] = field(default_factory=list)  # per figure, every text it draws
    # per figure, its twin for the dark palette: made by the warm interpreter next to the figure and cached with
    # it, so that no build derives it again (an animation's takes ≈ 0.1 s)
    dark: list[str] = field(default_factory=list)
    # per figure, an animation's last frame alone ("" for a figure that does not move): shown under reduced motion
    stills: list[str] = field(default_factory=list)
    # per figure, what it draws over what it hides ("'A' over 'B'", "the legend over 2 points of 'data'"): the page
    # check reports them
    overlaps: list[list[str]] = field(default_factory=list)
    # per figure, the labelled lines its legends are drawn over (not a page error; the course's tests refuse them)
    covered: list[list[str]] = field(default_factory=list)
    # per figure, its panels stacked for a phone's screen ("" for a figure that is not a wide row of panels)
    narrow: list[str] = field(default_factory=list)
    # per figure, the figure redrawn at a phone's width ("" for a row of panels, which is stacked, and for a figure
    # that was narrow enough or cannot be drawn narrower without hiding something)
    small: list[str] = field(default_factory=list)
    # per figure, the size of its smallest text in points: how high it is on a screen, for an animation's GIF
    text_pt: list[float] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"stdout": self.stdout, "figures": self.figures, "seconds": self.seconds,
                "values": self.values, "names": self.names, "texts": self.texts, "dark": self.dark,
                "stills": self.stills, "overlaps": self.overlaps, "covered": self.covered,
                "narrow": self.narrow, "small": self.small, "text_pt": self.text_pt}

    @classmethod
    def from_json(cls, data: dict) -> Result:
        if not isinstance(data.get("stdout"), str) or not isinstance(data.get("figures"), list):
            raise ValueError("not a snippet result")
        return cls(data["stdout"], list(data["figures"]), float(data.get("seconds", 0.0)),
                   dict(data.get("values", {})), list(data.get("names", [])),
                   [list(t) for t in data.get("texts", [])], list(data.get("dark", [])),
                   list(data.get("stills", [])), [list(o) for o in data.get("overlaps", [])],
                   [list(c) for c in data.get("covered", [])], list(data.get("narrow", [])),
                   list(data.get("small", [])), [float(x) for x in data.get("text_pt", [])])

    def dark_figure(self, i: int) -> str:
        """The dark twin of figure ``i`` (derived here when the result came without it)."""
        if i < len(self.dark):
            return self.dark[i]
        from .figures import dark_variant

        return dark_variant(self.figures[i])

    def narrow_figure(self, i: int) -> str:
        """Figure ``i`` stacked for a narrow screen ("" when it has no such twin)."""
        return self.narrow[i] if i < len(self.narrow) else ""

    def phone_figure(self, i: int) -> str:
        """What a phone shows for figure ``i``: its panels stacked, or the figure redrawn at a phone's width ("" when
        the figure as drawn serves)."""
        return self.narrow_figure(i) or (self.small[i] if i < len(self.small) else "")

    def still(self, i: int) -> str:
        """Figure ``i``'s still if it is an animation ("" otherwise, and for a result cached without stills)."""
        return self.stills[i] if i < len(self.stills) else ""

    def provides(self, names) -> bool:
        """Whether this result answers every requested name (a name the program never defined is answered too)."""
        return all(n in self.values or n.lstrip("=") not in self.names for n in names)
