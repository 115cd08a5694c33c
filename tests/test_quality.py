"""Quality gate: extraction scored by ../shared/eval/score.py against the dev
gold corpus and the KLUE NER news sentences; fails below the floors, so that
no change can silently lose quality. Needs ../shared beside the project (CI
has it); without it these tests are skipped."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"

CORPUS_FLOORS = {
    "entity_f1": 0.90,
    "relation_f1": 0.75,
    "event_date_acc": 0.90,
    "title_acc": 0.90,
    "resolution": 0.95,
}
NER_FLOOR = float(__import__("os").environ.get("POLICYGRAPH_NER_FLOOR", "0.70"))

pytestmark = pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval/score.py not present")


def _extract(inputs: Path, out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "policygraph", "extract", str(inputs), "--format", "jsonl"],
            stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=900,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]


def _summary(output: str) -> dict[str, str]:
    line = [l for l in output.splitlines() if l.startswith("SUMMARY")][-1]
    print(line)
    return dict(re.findall(r"(\w+)=(\S+)", line))


def test_dev_corpus_scores_above_the_floors(tmp_path: Path) -> None:
    pred = tmp_path / "dev.jsonl"
    _extract(SHARED / "corpus" / "dev" / "articles", pred)
    res = subprocess.run(
        [sys.executable, str(SCORE), "corpus", "--gold", str(SHARED / "corpus" / "dev" / "gold"), "--pred", str(pred)],
        capture_output=True, text=True, check=True,
    )
    s = _summary(res.stdout)
    assert s["noise_hits"] == "0", res.stdout
    assert s["missing"] == "0", res.stdout
    for key, floor in CORPUS_FLOORS.items():
        assert float(s[key]) >= floor, f"{key}={s[key]} below {floor}\n{res.stdout}"
    out = subprocess.run(
        [sys.executable, str(SCORE), "corpus", "--gold", str(SHARED / "corpus" / "dev" / "gold"), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    full = json.loads(out[: out.rindex("}") + 1])  # the JSON, then the SUMMARY line
    assert full["resolution"]["ids_merging_distinct_entities"] == []


def test_klue_ner_scores_above_the_floor(tmp_path: Path) -> None:
    pred = tmp_path / "klue.jsonl"
    _extract(SHARED / "data" / "klue-ner-news-dev.input.jsonl", pred)
    res = subprocess.run(
        [sys.executable, str(SCORE), "ner", "--gold", str(SHARED / "data" / "klue-ner-news-dev.jsonl"), "--pred", str(pred)],
        capture_output=True, text=True, check=True,
    )
    s = _summary(res.stdout)
    assert s["missing"] == "0"
    assert float(s["ner_f1"]) >= NER_FLOOR, res.stdout


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b).strip()
    assert test_cmd in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
