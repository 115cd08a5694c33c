"""Pictures on a fresh machine: Hangul renders with the packaged font (no
missing glyph), labels do not overlap, files are written."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import policygraph
from policygraph import plots
from policygraph.errors import ExportError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MISSING = ".*[Gg]lyph.*missing from font.*"


@pytest.fixture(scope="module")
def pg(examples_loaded: dict):
    g = policygraph.open(examples_loaded["path"])
    yield g
    g.close()


def _render_hangul(family: list[str]) -> str:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": family}):
        fig = Figure(figsize=(3, 1))
        FigureCanvasAgg(fig)
        t = fig.text(0.1, 0.5, "과학기술정보통신부 윤재석 제2차관")
        fig.canvas.draw()
    from matplotlib import font_manager

    return font_manager.findfont(t.get_fontproperties())


def test_hangul_renders_with_no_missing_glyph() -> None:
    font = plots.korean_font()
    assert font == "NanumGothic"
    assert plots.packaged_font_file() is not None  # from koreanize-matplotlib, not the system
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING)
        used = _render_hangul(plots.font_families())
    assert used.endswith("NanumGothic.ttf")


def test_the_check_fails_without_a_korean_font() -> None:
    # the same text in a Latin-only font: matplotlib warns that glyphs are missing,
    # which the test above turns into an error
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING)
        with pytest.raises(UserWarning, match="missing from font"):
            _render_hangul(["DejaVu Sans"])


def test_pictures_have_readable_non_overlapping_labels(pg, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING)
        figs = {
            "timeline": plots.timeline(pg, path=tmp_path / "timeline.png"),
            "hosts": plots.ranked_bars(pg.top_hosts(10), label="organization", value="events",
                                       title="주최 기관", path=tmp_path / "hosts.png"),
            "invitees": plots.ranked_bars(pg.top_invitees(10, category="company"), label="organization",
                                          value="events", path=tmp_path / "invitees.svg"),
            "ego": plots.network(pg.ego("윤재석", 2), title="윤재석", path=tmp_path / "ego.png"),
            "co": plots.network(pg.co_participation(min_shared=2), path=tmp_path / "co.pdf"),
        }
    for name, fig in figs.items():
        assert plots.overlapping_labels(fig) == [], name
    assert {"과학기술정보통신부", "국토교통부", "중소벤처기업부"} <= set(plots.labels_of(figs["timeline"]))
    assert "어반루프" in plots.labels_of(figs["invitees"])
    assert "윤재석" in plots.labels_of(figs["ego"])
    for f in ("timeline.png", "hosts.png", "invitees.svg", "ego.png", "co.pdf"):
        assert (tmp_path / f).stat().st_size > 5000, f
    with pytest.raises(ExportError, match=r"\.png"):
        plots.ranked_bars(pg.top_hosts(), path=tmp_path / "x.gif")


def test_overlap_check_sees_overlaps() -> None:
    import pandas as pd

    fig = plots.ranked_bars(pd.Series({"가": 1, "나": 2}))
    ax = fig.axes[0]
    for _ in range(2):
        ax.text(0.5, 0.5, "겹치는 이름", transform=ax.transAxes, fontfamily=plots.font_families())
    assert plots.overlapping_labels(fig) == [("겹치는 이름", "겹치는 이름")]


def test_draw_uses_the_packaged_font_in_a_fresh_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "g.db"
    with policygraph.open(db) as g:
        g.load(EXAMPLES / "01_msit_press_release.txt")
    code = (
        "import warnings; warnings.simplefilter('error')\n"
        "from policygraph.graph import draw\nfrom policygraph.stores.sqlite import SQLiteStore\n"
        f"s = SQLiteStore({str(db)!r})\n"
        f"print(draw(s, {str(tmp_path / 'g.png')!r}, labels=['Person', 'Organization', 'Event']))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert (tmp_path / "g.png").stat().st_size > 5000
