"""Romanisation of Korean personal names (policygraph.romanize)."""
from __future__ import annotations

import pytest

from policygraph.romanize import (
    english_name_key,
    matches,
    romanize,
    romanize_name,
    split_korean_name,
    surname_variants,
    syllable_variants,
)

POSITIVE = [
    ("박윤규", "Park Yoon-kyu"),
    ("박윤규", "Park Yun-gyu"),
    ("박윤규", "Yoon-kyu Park"),
    ("박윤규", "PARK Yoon-kyu"),
    ("박윤규", "Park Yoonkyu"),            # no separator: the split is found, not guessed
    ("박윤규", "Yoonkyu Park"),
    ("박윤규", "Park Yoon Kyu"),
    ("박윤규", "Pak Yun-gyu"),
    ("박윤규", "Park, Yoon-kyu"),
    ("박윤규", "Park Yoon-gyu"),
    ("이종호", "Lee Jong-ho"),
    ("이종호", "Rhee Jong-ho"),
    ("이종호", "Jong-Ho Lee"),
    ("이종호", "Yi Jong-ho"),
    ("이종호", "Lee Chong-ho"),            # McCune-Reischauer ㅈ
    ("김영희", "Kim Young-hee"),
    ("김영희", "Gim Yeong-hui"),
    ("최정은", "Choi Jeong-eun"),
    ("최정은", "Choe Jung-eun"),
    ("정재훈", "Jung Jae-hoon"),
    ("정재훈", "Chung Jae-hun"),
    ("강동원", "Kang Dong-won"),
    ("임수진", "Lim Soo-jin"),
    ("임수진", "Im Su-jin"),
    ("한석규", "Han Suk-kyu"),
    ("오세훈", "Oh Se-hoon"),
    ("서정민", "Suh Jung-min"),
    ("신현우", "Shin Hyun-woo"),
    ("권혁주", "Kwon Hyuk-joo"),
    ("안철수", "Ahn Cheol-soo"),
    ("안철수", "Ahn Chul-soo"),
    ("류현진", "Ryu Hyun-jin"),
    ("유재석", "Yoo Jae-suk"),
    ("노무현", "Roh Moo-hyun"),
    ("문재인", "Moon Jae-in"),
    ("문재인", "Mun Jae-in"),
    ("윤석열", "Yoon Suk-yeol"),
    ("윤석열", "Yoon Seok-youl"),
    ("김정은", "Kim Jong-un"),             # ㅓ -> o (MR), ㅡ -> u
    ("반기문", "Ban Ki-moon"),
    ("손흥민", "Son Heung-min"),
    ("이강인", "Lee Kang-in"),
    ("박지성", "Park Ji-sung"),
    ("정의선", "Chung Eui-sun"),
    ("최태원", "Chey Tae-won"),
    ("구광모", "Koo Kwang-mo"),
    ("이재용", "Lee Jae-yong"),
    ("김범수", "Kim Beom-su"),
    ("유영상", "Ryu Young-sang"),
    ("황현식", "Hwang Hyeon-sik"),
    ("김민석", "KIM Min-seok"),
    ("김민석", "Min-seok Kim"),
    ("김연아", "Kim Yuna"),                # 연아 = yun + a, no separator
    ("김연경", "Kim Yeon-kyoung"),
    ("백남준", "Baek Nam-joon"),
    ("허준", "Heo Jun"),                   # single-syllable given names
    ("허준", "Huh Joon"),
    ("김구", "Kim Koo"),
    ("이산", "Lee San"),
    ("남궁민", "Namgoong Min"),            # two-syllable surnames
    ("남궁민", "Namgung Min"),
    ("남궁민", "Nam Goong-min"),
    ("황보관", "Hwangbo Kwan"),
    ("선우진", "Sunwoo Jin"),
    ("선우진", "Seonu Jin"),
    ("선우진", "Sun Woo-jin"),             # 선 + 우진 reading of the same Hangul
    ("제갈성렬", "Jegal Sung-ryul"),
    ("최영희", "Ch'oe Yŏng-hŭi"),          # McCune-Reischauer with diacritics
]

NEGATIVE = [
    ("박윤규", "Park Yoon-ho"),            # different given name
    ("이종호", "Lee Jung-ho"),             # 종 is jong/chong, never jung
    ("박윤규", "Kim Yoon-kyu"),            # different surname
    ("박윤규", "Park Yoon"),               # missing syllable
    ("박윤규", "Park Yoon-kyu-ho"),        # extra syllable
    ("박윤규", "Park Kyu-yoon"),           # syllables out of order
    ("이종호", "Lee Jong-hoon"),           # extra final consonant
    ("김영희", "Kim Young-ho"),
    ("최정은", "Choi Jeong-in"),
    ("김연아", "Kim Yu-na"),               # hyphen inside a syllable (연 = yun)
    ("박윤규", "Park Yoonk-yu"),           # misplaced separator
    ("정재훈", "Song Jae-hoon"),           # 송 is not 정
    ("성민수", "Song Min-su"),             # 성 is sung/seong, not song
    ("박윤규", "John Park"),
    ("박윤규", "Park Yoon-kyu Smith"),
    ("이종호", "Li Jong-ho"),              # Chinese spelling, not a listed Korean one
    ("남궁민", "Nam Min"),
    ("박윤구", "Park Yoon-kyu"),           # 구 is gu/ku/koo, not kyu
    ("김민수", "Kim Min-suk"),             # 수 has no final
    ("이재용", "Lee Jae-young"),           # 용 (ㅛ) is yong, not young
    ("문재인", "Moon Jay-in"),
    ("반기문", "Ban Gi-man"),
    ("정재훈", "Jung Jae-hyun"),
    ("이종호", "Lee Jong"),
    ("Park", "Park Yoon-kyu"),             # the Korean side is not a Hangul name
    ("박윤규", ""),
    ("박윤규", "Park 윤규"),
]


@pytest.mark.parametrize("korean,english", POSITIVE)
def test_matches_positive(korean: str, english: str) -> None:
    assert matches(korean, english), (korean, english)


@pytest.mark.parametrize("korean,english", NEGATIVE)
def test_matches_negative(korean: str, english: str) -> None:
    assert not matches(korean, english), (korean, english)


def test_table_sizes() -> None:
    assert len(POSITIVE) >= 40
    assert len(NEGATIVE) >= 20


@pytest.mark.parametrize(
    "english,key",
    [
        ("Park Yoon-kyu", ("park", "yoonkyu")),
        ("Yoon-kyu Park", ("park", "yoonkyu")),
        ("PARK Yoon-kyu", ("park", "yoonkyu")),
        ("Yoon-kyu PARK", ("park", "yoonkyu")),
        ("Lee Jong-ho", ("lee", "jongho")),
        ("Jong-Ho Lee", ("lee", "jongho")),
        ("Park Yoonkyu", ("park", "yoonkyu")),
        ("Park, Yoon-kyu", ("park", "yoonkyu")),
        ("Dr. Lee Jong-ho", ("lee", "jongho")),
        ("Second Vice Minister Park Yoon-kyu", ("park", "yoonkyu")),
        ("Namgoong Min", ("namgoong", "min")),
        ("Kim Yuna", ("kim", "yuna")),
    ],
)
def test_english_name_key(english: str, key: tuple[str, str]) -> None:
    assert english_name_key(english) == key


@pytest.mark.parametrize(
    "english",
    ["John Smith", "Barack Obama", "Kim Kardashian", "Microsoft", "Park", "", "Park 윤규", "Ministry of Science and ICT"],
)
def test_english_name_key_rejects(english: str) -> None:
    assert english_name_key(english) is None


def test_romanize_rr_syllable_by_syllable() -> None:
    assert romanize("박윤규") == "bakyungyu"
    assert romanize("이종호") == "ijongho"
    assert romanize("한국") == "hanguk"
    assert romanize("서울 A") == "seoul A"  # non-Hangul kept


def test_romanize_name() -> None:
    assert romanize_name("박윤규") == "Park Yun-gyu"
    assert romanize_name("이종호") == "Lee Jong-ho"
    assert romanize_name("남궁민") == "Namgoong Min"
    assert romanize_name("허준") == "Heo Jun"


def test_surname_variants() -> None:
    assert {"park", "pak", "bak"} <= surname_variants("박")
    assert {"lee", "yi", "rhee", "rhie", "i"} <= surname_variants("이")
    assert {"jung", "jeong", "chung", "joung"} <= surname_variants("정")
    assert {"ryu", "yoo", "yu", "rhyu"} <= surname_variants("류")
    assert {"ryu", "yoo", "yu", "rhyu"} <= surname_variants("유")
    assert {"namgoong", "namgung"} <= surname_variants("남궁")
    assert {"sunwoo", "seonu"} <= surname_variants("선우")
    assert "song" not in surname_variants("성")
    # a surname missing from the table still gets derived spellings
    assert "ppyo" in surname_variants("뾰")


def test_syllable_variants_cover_every_syllable() -> None:
    for code in range(0xAC00, 0xD7A4):
        v = syllable_variants(chr(code))
        assert v and all(x.isascii() and x.isalpha() and x.islower() for x in v)


def test_syllable_variants_examples() -> None:
    assert {"yoon", "yun"} <= syllable_variants("윤")
    assert {"kyu", "gyu"} <= syllable_variants("규")
    assert {"jong", "chong"} <= syllable_variants("종")
    assert "jung" not in syllable_variants("종")
    assert {"seok", "suk", "sok"} <= syllable_variants("석")
    assert {"young", "yeong", "yong"} <= syllable_variants("영")
    assert {"hee", "hui"} <= syllable_variants("희")
    assert {"woo", "u"} <= syllable_variants("우")
    assert {"cheol", "chul"} <= syllable_variants("철")
    assert {"shin", "sin"} <= syllable_variants("신")


def test_split_korean_name() -> None:
    assert split_korean_name("박윤규") == [("박", "윤규")]
    assert split_korean_name("남궁민") == [("남궁", "민"), ("남", "궁민")]
    assert split_korean_name("선우 진") == [("선우", "진")]


def test_korean_name_index_finds_every_name_matches_accepts() -> None:
    """The candidate index never loses a match: for many generated names and spellings,
    the Korean names among the candidates that ``matches`` accepts are exactly the ones
    a comparison with every name accepts."""
    import random

    from policygraph.romanize import KoreanNameIndex, matches, surname_variants, syllable_variants

    rng = random.Random(11)
    surnames = "김이박최정강조윤장임한오서신권황안송류홍전고문남궁선우제갈"
    given = "민서지현수영준우도윤하은재성진호연유시예원승태훈상동혁경희주정선미나"
    names = set()
    while len(names) < 400:
        sur = rng.choice(["남궁", "선우", "제갈"]) if rng.random() < 0.05 else rng.choice(surnames[:-6])
        names.add(sur + "".join(rng.choice(given) for _ in range(rng.choice([1, 2, 2, 2, 3]))))
    names.add("남궁 민")
    korean = sorted(names)
    index = KoreanNameIndex()
    for i, k in enumerate(korean):
        index.add(i, k)
    englishes = ["Nam Goong Min", "Namgoong Min", "Kim, Ji-hoon", "PARK Yoon-kyu", "Seo-yeon Choi", "John Smith"]
    for k in rng.sample(korean, 150):
        readings = [(k[:2], k[2:])] if k[:2] in ("남궁", "선우", "제갈") else [(k[0], k[1:])]
        for sur, giv in readings:
            giv = giv.replace(" ", "")
            s = rng.choice(sorted(surname_variants(sur))).capitalize()
            parts = [rng.choice(sorted(syllable_variants(c))) for c in giv]
            g = rng.choice(["-", "", " "]).join(parts).capitalize()
            englishes.append(f"{s} {g}" if rng.random() < 0.6 else f"{g} {s}")
    found_any = 0
    for e in englishes:
        every = [k for k in korean if matches(k, e)]
        cands = index.candidates(e)
        assert cands is not None
        via_index = [korean[i] for i in sorted(set(cands)) if matches(korean[i], e)]
        assert via_index == every, e
        assert len(set(cands)) <= max(20, len(every) * 20)  # candidates, not everyone
        found_any += bool(every)
    assert found_any >= 150
