"""Neo4j Browser, as a person uses it: headless Chromium (Debian's package,
installed here when missing) opens the Browser the local launcher serves,
connects, gets policygraph's guide and style, runs a library query and shows
its rows. A screenshot is saved in test-artifacts/neo4j-browser.png.

Driven with Playwright for Python against the system Chromium
(``executable_path``); no browser is downloaded.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.models import TYPE_COLORS
from policygraph.queries import get_query

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent
# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = ROOT / "tests" / "fixtures" / "forum"
ARTIFACTS = ROOT / "test-artifacts"


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """The system Chromium; installed with apt-get (Debian's `chromium`) when missing."""
    path = _find_chromium()
    if path is None and shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"]
        r = subprocess.run(install, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
        if r.returncode != 0:  # an old or empty package list: update it once, then again
            subprocess.run(["apt-get", "update", "-q"], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=600)
            r = subprocess.run(install, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
        path = _find_chromium()
        if path is None:
            pytest.fail(f"could not install chromium: {r.stderr.strip()[-2000:]}", pytrace=False)
    if path is None:
        pytest.fail("no chromium and no way to install it (needs root and apt-get)", pytrace=False)
    _korean_font()
    return path


def _korean_font() -> None:
    """A font with Hangul, so that the screenshot shows the names (Debian's fonts-nanum)."""
    fc = shutil.which("fc-list")
    if fc and subprocess.run([fc, ":lang=ko"], capture_output=True, text=True).stdout.strip():
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", "fonts-nanum"], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    from policygraph.stores.neo4j import Neo4jStore

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    with Neo4jStore(neo4j_settings["uri"], username=neo4j_settings["username"],
                    password=neo4j_settings["password"]) as store:
        store.clear()
        assert pipeline.load([EXAMPLES], store).ok
    yield neo4j_settings


def test_browser_connects_and_runs_a_library_query(chromium, neo4j_browser_url, loaded) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "neo4j-browser.png"
    query = get_query("who_met_whom")
    statement = re.sub(r"^//.*\n", "", query.text, flags=re.M).strip().rstrip(";")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            origin = re.match(r"https?://[^/]+", neo4j_browser_url).group(0)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(neo4j_browser_url, wait_until="domcontentloaded")

            # the connect form, filled in from the URL the launcher printed
            page.wait_for_selector("input[data-testid='password']")
            bolt = loaded["uri"].split("://", 1)[1]
            assert page.input_value("input[data-testid='boltaddress']") == bolt
            assert page.input_value("input[data-testid='username']") == "neo4j"
            page.fill("input[data-testid='password']", loaded["password"])
            page.click("button[data-testid='connect']")

            # on connect the server's post-connect commands load policygraph's style and guide
            commands = page.locator("[data-testid='frameCommand']")
            commands.filter(has_text="policygraph/guide.html").first.wait_for()
            commands.filter(has_text="policygraph/policygraph.grass").first.wait_for()
            page.get_by_text("Click a grey code block").first.wait_for()

            # a library query with its parameters, typed into the editor as a person would
            def run(text: str) -> None:
                page.click("[data-testid='activeEditor']")
                page.keyboard.insert_text(text)
                page.click("[data-testid='editor-Run']")

            run(":params {person: '강도현'}")
            commands.filter(has_text=":params").first.wait_for()
            # the library query pasted from the cookbook (the editor's auto-closing of
            # quotes misreads typed string literals that end in a backslash, '\\')
            page.click("[data-testid='activeEditor']")
            page.evaluate("text => navigator.clipboard.writeText(text)", statement)
            page.keyboard.press("Control+V")
            page.click("[data-testid='editor-Run']")
            frame = page.locator("[data-testid='frame']").filter(
                has=page.locator("[data-testid='frameCommand']", has_text="entity_keys")).first
            frame.wait_for()
            frame.get_by_text("정서윤").first.wait_for()
            text = frame.inner_text()
            for person in ("정서윤", "배준호", "윤소라", "최하린"):
                assert person in text
            assert "person_id" in text and "shared_events" in text
            # the graph view in policygraph's colours (models.TYPE_COLORS), captions by name
            run("MATCH (e:Event)<-[r:ORGANIZED]-(o:Organization) RETURN e, r, o")
            graph = page.locator("[data-testid='frame']").filter(
                has=page.locator("[data-testid='frameCommand']", has_text="RETURN e, r, o")).first
            graph.locator("svg g.node").first.wait_for()
            page.wait_for_timeout(1000)
            fills = {c.get_attribute("fill") for c in graph.locator("svg g.node circle.b-outline").all()}
            want = {TYPE_COLORS["Event"].upper(), TYPE_COLORS["Organization"].upper()}
            assert want <= {f.upper() for f in fills if f}, fills
            captions = [t.text_content() or "" for t in graph.locator("svg g.node text.caption").all()]
            assert any("과학기술" in t for t in captions), captions
            page.screenshot(path=str(shot), full_page=False)
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000


def test_policygraph_browser_copies_the_embedded_graph(neo4j_settings, neo4j_state_dir, tmp_path) -> None:
    """`policygraph browser`: the graph of the embedded store, in the local Neo4j, and the Browser URL."""
    from typer.testing import CliRunner

    from policygraph.cli import app
    from policygraph.stores.neo4j import Neo4jStore
    from policygraph.stores.sqlite import SQLiteStore

    db = tmp_path / "g.db"
    with SQLiteStore(db) as emb:
        assert pipeline.load([EXAMPLES], emb).ok
        want = emb.counts()
        want_nodes = {(n.id, n.label, str(sorted(n.props.items()))) for n in emb.nodes()}
    r = CliRunner().invoke(app, ["browser", "--db", str(db), "--state-dir", str(neo4j_state_dir)],
                           env={"NEO4J_URI": "", "NEO4J_PASSWORD": neo4j_settings["password"]})
    assert r.exit_code == 0, r.output
    assert "copied 5 articles into Neo4j at " + neo4j_settings["uri"] in r.output
    assert re.search(r"Neo4j Browser: http://127\.0\.0\.1:\d+/browser/\?dbms=neo4j://neo4j@", r.output)
    assert neo4j_settings["password"] not in r.output
    with Neo4jStore(**neo4j_settings) as neo:
        assert neo.counts() == want
        assert {(n.id, n.label, str(sorted(n.props.items()))) for n in neo.nodes()} == want_nodes
