"""The documentation is current: the query cookbook and the Browser guide (the
notebooks are tests/test_notebooks.py's)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_query_cookbook_covers_every_query() -> None:
    """docs/queries.md (written by docs/make_queries_md.py) shows every query of
    the library with its current Cypher; its outputs are regenerated with the
    script when extraction changes."""
    sys.path.insert(0, str(ROOT / "docs"))
    import make_queries_md

    from policygraph.queries import get_query, list_queries

    text = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    fresh = make_queries_md.render()
    for name in list_queries():
        q = get_query(name)
        assert f"\n### {name}\n" in text and f"\n### {name}\n" in fresh, name
        assert q.text.rstrip() in text, f"{name}: docs/queries.md shows an old version (run docs/make_queries_md.py)"
    assert "## How the embedded store runs the queries" in text


def test_browser_guide_is_current() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "docs" / "make_browser_guide.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_browser_style_colours_are_the_pictures_colours() -> None:
    """The Browser's .grass style colours each label as every other picture does
    (models.TYPE_COLORS: matplotlib drawings, plots, the HTML view), and captions
    never show the internal pg_ properties."""
    import re

    from policygraph.models import TYPE_COLORS

    grass = (ROOT / "docker" / "neo4j-local" / "src" / "main" / "resources" / "browser" / "policygraph"
             / "policygraph.grass").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"node\.(\w+) \{\n(.*?)\n\}", grass, flags=re.S))
    assert set(TYPE_COLORS) <= set(blocks)
    for label, colour in TYPE_COLORS.items():
        got = re.search(r"^\s*color:\s*(#[0-9A-Fa-f]{6});", blocks[label], flags=re.M)
        assert got and got.group(1).lower() == colour.lower(), label
    assert "pg_" not in grass
