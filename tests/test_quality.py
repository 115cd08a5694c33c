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

# dev: measured .976 / .870 / date .98 / title .99 / resolution .989; floors a step below
CORPUS_FLOORS = {
    "entity_f1": 0.96,
    "relation_f1": 0.85,
    "event_date_acc": 0.96,
    "title_acc": 0.97,
    "resolution": 0.97,
}
# dev2: pages in the forms real pages take; the targets of issue 9, met as measured
# (.947 / .826 / date .96 / title .93 / resolution .982)
DEV2_FLOORS = {
    "entity_f1": 0.94,
    "relation_f1": 0.81,
    "event_date_acc": 0.95,
    "title_acc": 0.92,
    "resolution": 0.97,
}
DEV2_EN_FLOORS = {"entity_f1": 0.94, "relation_f1": 0.77}  # measured .956 / .789
NER_FLOOR = float(__import__("os").environ.get("POLICYGRAPH_NER_FLOOR", "0.76"))  # measured .768

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


def _score_corpus(gold: Path, pred: Path) -> tuple[dict[str, str], str, dict]:
    res = subprocess.run(
        [sys.executable, str(SCORE), "corpus", "--gold", str(gold), "--pred", str(pred)],
        capture_output=True, text=True, check=True,
    )
    out = subprocess.run(
        [sys.executable, str(SCORE), "corpus", "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    full = json.loads(out[: out.rindex("}") + 1])  # the JSON, then the SUMMARY line
    return _summary(res.stdout), res.stdout, full


@pytest.mark.parametrize("corpus, floors", [("dev", CORPUS_FLOORS), ("dev2", DEV2_FLOORS)])
def test_corpus_scores_above_the_floors(tmp_path: Path, corpus: str, floors: dict[str, float]) -> None:
    pred = tmp_path / f"{corpus}.jsonl"
    _extract(SHARED / "corpus" / corpus / "articles", pred)
    s, text, full = _score_corpus(SHARED / "corpus" / corpus / "gold", pred)
    assert s["noise_hits"] == "0", text
    assert s["missing"] == "0", text
    for key, floor in floors.items():
        assert float(s[key]) >= floor, f"{corpus}: {key}={s[key]} below {floor}\n{text}"
    assert full["resolution"]["ids_merging_distinct_entities"] == []
    if corpus == "dev2":
        # its English articles alone
        en_gold = tmp_path / "gold-en"
        en_gold.mkdir()
        for g in (SHARED / "corpus" / corpus / "gold").glob("*.json"):
            if json.loads(g.read_text(encoding="utf-8")).get("lang") == "en":
                (en_gold / g.name).write_text(g.read_text(encoding="utf-8"), encoding="utf-8")
        s_en, text_en, _ = _score_corpus(en_gold, pred)
        for key, floor in DEV2_EN_FLOORS.items():
            assert float(s_en[key]) >= floor, f"dev2 English: {key}={s_en[key]} below {floor}\n{text_en}"


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
