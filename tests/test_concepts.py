"""Concept keys: one name in Korean and in English (written cases)."""
import pytest

from policygraph.concepts import concept_key


@pytest.mark.parametrize(
    "ko, en",
    [
        ("한·인도네시아 청정에너지 비즈니스 포럼", "Korea-Indonesia Clean Energy Business Forum"),
        ("제3차 한·중앙아시아 공급망 대화", "3rd Korea-Central Asia Supply Chain Dialogue"),
        ("태국 디지털경제부", "Thailand's Ministry of Digital Economy"),
        ("2025 한-폴란드 방산 협력 세미나", "2025 Korea-Poland Defense Cooperation Seminar"),
    ],
)
def test_same_thing_in_two_languages(ko: str, en: str) -> None:
    assert concept_key(ko) is not None
    assert concept_key(ko) == concept_key(en)


@pytest.mark.parametrize(
    "a, b",
    [
        ("제1차 한·중앙아시아 공급망 대화", "2nd Korea-Central Asia Supply Chain Dialogue"),  # editions
        ("한·인도네시아 청정에너지 포럼", "Korea-Vietnam Clean Energy Forum"),  # other country
        ("한·인도네시아 청정에너지 포럼", "Korea-Indonesia Clean Energy Seminar"),  # other kind
    ],
)
def test_different_things_stay_apart(a: str, b: str) -> None:
    assert concept_key(a) != concept_key(b)


def test_an_unknown_word_gives_no_key() -> None:
    # a word neither the glossary nor the gazetteer knows can only keep names apart
    assert concept_key("Korea-Indonesia Zorblax Forum") is None
    assert concept_key("한·인도네시아 조르블락스 포럼") is None
