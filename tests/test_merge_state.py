"""MergeState (stores/base.py) merges incrementally what merge_props merges
from scratch: the same props after any sequence of additions and retractions,
on random contributions (lists, dates, first/last seen, mixed scalar types)."""
from __future__ import annotations

import random

from policygraph.stores.base import MergeState, merge_props, vote

_SCALARS = [1, 2, 1.0, 2.5, True, False, "1", "a", "b", "가", ""]
_DATES = ["2023", "2023-09", "2023-09-12", "2023-09-13", "2024-01", "2024-01-02"]


def _random_props(rng: random.Random) -> dict:
    props: dict = {}
    for k in rng.sample(["name", "aliases", "kind", "start_date", "end_date", "first_seen", "last_seen", "n", "mixed"],
                        rng.randint(0, 6)):
        if k == "aliases":
            props[k] = rng.sample(["x", "y", "z", "가", 1, 1.0], rng.randint(0, 3))
        elif k in ("start_date", "end_date", "first_seen", "last_seen"):
            props[k] = rng.choice(_DATES)
        elif k == "mixed":  # a list in some contributions, a scalar in others
            props[k] = rng.choice([rng.choice(_SCALARS), rng.sample(["p", "q"], rng.randint(0, 2))])
        else:
            props[k] = rng.choice(_SCALARS)
    return props


def test_incremental_equals_reference_with_retraction() -> None:
    rng = random.Random(11)
    for trial in range(300):
        state = MergeState()
        live: dict[int, tuple[dict, str]] = {}
        for step in range(rng.randint(1, 25)):
            if live and rng.random() < 0.35:
                i = rng.choice(sorted(live))
                props, label = live.pop(i)
                state.remove(props, {"label": label})
            else:
                props, label = _random_props(rng), rng.choice(["Person", "Organization", "Topic"])
                live[step] = (props, label)
                state.add(props, {"label": label})
            # through JSON, as the stores keep it
            state = MergeState.from_json(state.to_json())
            contribs = [p for p, _ in live.values()]
            assert state.n == len(live)
            assert state.props() == merge_props(contribs), (trial, step)
            if live:
                assert state.vote("label") == vote([lab for _, lab in live.values()])
            else:
                assert state.props() == {} and state.vote("label") is None and state.p == {} and state.v == {}


def test_state_size_is_bounded_by_distinct_values() -> None:
    state = MergeState()
    for i in range(5000):
        state.add({"name": "과학기술정보통신부", "aliases": ["과기정통부", "MSIT"], "first_seen": f"2024-0{1 + i % 9}"},
                  {"label": "Organization"})
    assert state.n == 5000
    assert len(state.to_json()) < 600
    assert state.props() == {"aliases": ["MSIT", "과기정통부"], "first_seen": "2024-01", "name": "과학기술정보통신부"}


def test_typed_values_stay_apart() -> None:
    # 1, 1.0, True and "1" are four values, whatever the order
    a = merge_props([{"k": 1}, {"k": True}, {"k": True}])
    b = merge_props([{"k": True}, {"k": 1}, {"k": True}])
    assert a == b == {"k": True}
    assert merge_props([{"l": [1, 1.0, "1"]}]) == {"l": [1.0, 1, "1"]}


def test_typed_keys_are_the_encoders_text_and_decode_back() -> None:
    """_enc's fast paths give the text of the JSON encoder the stores use, and
    _dec reads every such text back to an equal value of the same type."""
    import json
    import math

    from policygraph.stores.base import _ENCODER, _dec, _enc

    values = ["", "a", '"', "\\", 'a"b', "a\\b", "\n", "\x00", "\x1f", "\u2028", "가", "\ud800", "😀", "1",
              "true", "null", 0, 1, -1, 2**63 - 1, -(2**63), 10**30, True, False, 0.0, -0.0, 1.5, 1e300,
              float("inf"), float("-inf"), float("nan")]
    rng = random.Random(3)
    alphabet = ['"', "\\", "/", "\b", "\t", "\x7f", "a", "가", "\u00e9", "\ud83d", "x"]
    values += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(500)]
    for v in values:
        k = _enc(v)
        assert k == _ENCODER.encode(v), repr(v)
        back = _dec(k)
        assert type(back) is type(v), repr(v)
        assert back == v or (isinstance(v, float) and math.isnan(v) and math.isnan(back)), repr(v)
        assert json.loads(k) == back or isinstance(v, float), repr(v)
