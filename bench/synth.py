"""Synthetic press releases and news articles for the scale benchmark.

    from synth import write_corpus
    files = write_corpus(folder, start=0, count=1000, seed=7)

Article ``i`` depends only on ``(seed, i)``: the first 1,000 articles of a
10,000-article corpus are the 1,000-article corpus, byte for byte, so sizes
share files (and cached extraction results). About 20% are English. Forms:
Korean press releases (.txt, the ministries' layout), English press releases
(.txt, the English sites' layout), news records (.jsonl, 100 to a file, one
file per block of 100 articles) and news pages (.html, Korean and English).

Every article names a real ministry of the packaged gazetteer (Korean name,
short name or English name and acronym), invented companies, people with a
title and an affiliation (the same person in Korean and, in English articles,
in a romanised form such as ``Kang Do-hyun``, so the cross-script person
matching runs), a named event with its year and edition, a city and venue,
dates, and quotes. The pools of people, companies and events grow with the
article index, so a larger corpus has more distinct entities, as real
archives do.
"""
from __future__ import annotations

import json
import random
from importlib import resources
from pathlib import Path

from policygraph.romanize import romanize_name

SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구민유나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
GIVEN = "민서준도윤하지현우수영은예진성혜나연재호동경석태정상희승미소아주원채다한유혁철훈규빈선"

TITLES = [  # (Korean, English), for a ministry person
    ("장관", "Minister"), ("제1차관", "First Vice Minister"), ("제2차관", "Second Vice Minister"),
    ("차관", "Vice Minister"), ("기획조정실장", "Director General for Planning and Coordination"),
    ("정책실장", "Director General for Policy"), ("국장", "Director General"), ("과장", "Director"),
]
CO_TITLES = [("대표", "CEO"), ("부사장", "Vice President"), ("상무", "Managing Director"), ("연구소장", "Head of Research")]

CO_A = [("트윈", "Twin"), ("어반", "Urban"), ("그린", "Green"), ("스마트", "Smart"), ("넥스", "Nex"),
        ("하이", "Hi"), ("코어", "Core"), ("블루", "Blue"), ("퀀텀", "Quantum"), ("라이트", "Light"),
        ("오션", "Ocean"), ("에코", "Eco"), ("메타", "Meta"), ("솔라", "Solar"), ("로보", "Robo"),
        ("에이아이", "AI"), ("클라우드", "Cloud"), ("비전", "Vision"), ("하모니", "Harmony"), ("노바", "Nova")]
CO_B = [("웍스", "Works"), ("랩스", "Labs"), ("테크", "Tech"), ("루프", "Loop"), ("에너지", "Energy"),
        ("모빌리티", "Mobility"), ("바이오", "Bio"), ("시스템즈", "Systems"), ("소프트", "Soft"),
        ("로직스", "Logics"), ("머티리얼즈", "Materials"), ("네트웍스", "Networks"), ("다이나믹스", "Dynamics"),
        ("솔루션즈", "Solutions"), ("파워", "Power")]
CO_C = [("", ""), ("코리아", " Korea"), ("글로벌", " Global"), ("인더스트리", " Industry"), ("플러스", " Plus"),
        ("원", " One"), ("엑스", " X"), ("프로", " Pro")]

THEMES = [("디지털 트윈", "Digital Twin"), ("스마트시티", "Smart City"), ("수소경제", "Hydrogen Economy"),
          ("인공지능 반도체", "AI Semiconductor"), ("그린테크", "Green Tech"), ("K-콘텐츠", "K-Content"),
          ("바이오헬스", "Bio Health"), ("미래 모빌리티", "Future Mobility"), ("양자기술", "Quantum Technology"),
          ("우주항공", "Aerospace"), ("탄소중립", "Carbon Neutrality"), ("스마트팜", "Smart Farm"),
          ("사이버보안", "Cybersecurity"), ("로봇산업", "Robot Industry"), ("이차전지", "Secondary Battery"),
          ("해양수산 혁신", "Ocean and Fisheries Innovation"), ("디지털 헬스", "Digital Health"),
          ("중소기업 수출", "SME Export"), ("관광 혁신", "Tourism Innovation"), ("에듀테크", "EdTech")]
KINDS = [("포럼", "Forum"), ("박람회", "Fair"), ("컨퍼런스", "Conference"), ("로드쇼", "Roadshow"),
         ("엑스포", "Expo"), ("서밋", "Summit"), ("얼라이언스 포럼", "Alliance Forum"), ("주간", "Week")]
VENUES = [("서울", "Seoul", "코엑스", "COEX"), ("고양", "Goyang", "킨텍스", "KINTEX"),
          ("부산", "Busan", "벡스코", "BEXCO"), ("대구", "Daegu", "엑스코", "EXCO"),
          ("광주", "Gwangju", "김대중컨벤션센터", "Kimdaejung Convention Center"),
          ("인천", "Incheon", "송도컨벤시아", "Songdo Convensia"),
          ("대전", "Daejeon", "대전컨벤션센터", "Daejeon Convention Center"),
          ("제주", "Jeju", "제주국제컨벤션센터", "International Convention Center Jeju"),
          ("세종", "Sejong", "정부세종컨벤션센터", "Government Sejong Convention Center"),
          ("창원", "Changwon", "창원컨벤션센터", "Changwon Convention Center")]
TOPICS = [("글로벌 시장 동향", "global market trends"), ("산업 현장 적용 사례", "use cases from industrial sites"),
          ("표준화 전략", "standardisation strategy"), ("해외 진출 전략", "strategies for going abroad"),
          ("규제 혁신 방안", "regulatory innovation"), ("인재 양성 계획", "plans for training talent")]
QUOTES_KO = ["{t} 분야의 경쟁력을 높이는 계기가 될 것", "기업들이 글로벌 시장에 진출할 수 있도록 적극 지원하겠다",
             "올해 하반기에는 참여기업을 대상으로 해외 실증 프로그램을 운영하겠다",
             "{t} 생태계를 함께 만들어 가겠다", "현장의 목소리를 정책에 반영하겠다"]
QUOTES_EN = ["{t} will change productivity across industries", "We will support companies entering global markets",
             "This event shows how far Korean {t} companies have come", "We will reflect the voices of industry in policy"]
DOW = "월화수목금토일"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
BLOCK = 100  # articles per block; a block's .jsonl records share one file


KOREAN_MINISTRIES = frozenset(f"org:{x}" for x in (
    "moef moe msit mofa mou moj mnd mois mpva mcst mafra motie mohw me moel mogef molit mof mss mpm moleg mfds"
).split())


def _ministries() -> list[dict]:
    data = json.loads(resources.files("policygraph").joinpath("data/gazetteer.json").read_text(encoding="utf-8"))
    rows = data["entries"] if isinstance(data, dict) else data
    out = []
    for r in rows:
        en = r.get("name_en") or ""
        if r["id"] in KOREAN_MINISTRIES:
            acr = next((a for a in r.get("aliases", []) if a.isupper() and a.isascii()), r["id"][4:].upper())
            short = next((a for a in r.get("aliases", []) if not a.isascii() and a.endswith("부")), r["name"])
            out.append({"ko": r["name"], "en": en, "acr": acr, "short": short})
    return sorted(out, key=lambda m: m["en"])


MINISTRIES = _ministries()


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(f"{seed}:" + ":".join(map(str, key)))


def official(seed: int, ministry: int, j: int) -> dict:
    """Official ``j`` of a ministry: a Korean name, its usual English form, a title."""
    r = _rng(seed, "official", ministry, j)
    ko = r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)
    return {"ko": ko, "en": romanize_name(ko), "ministry": ministry, "title": TITLES[1 + r.randrange(len(TITLES) - 1)]}


def executive(seed: int, k: int) -> dict:
    """Person ``k`` of the companies' pool: a name, the company, a title."""
    r = _rng(seed, "exec", k)
    ko = r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)
    return {"ko": ko, "en": romanize_name(ko), "company": r.randrange(company_pool(k * 4)), "title": r.choice(CO_TITLES)}


def minister(seed: int, ministry: int, year: int) -> str:
    """The minister of a ministry in a year (a new one every two years)."""
    r = _rng(seed, "minister", ministry, year // 2)
    return r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)


def company_pool(i: int) -> int:
    return min(len(CO_A) * len(CO_B) * len(CO_C), 60 + i // 8)


def company(seed: int, c: int) -> tuple[str, str]:
    a = CO_A[c % len(CO_A)]
    b = CO_B[(c // len(CO_A)) % len(CO_B)]
    x = CO_C[(c // (len(CO_A) * len(CO_B))) % len(CO_C)]
    return a[0] + b[0] + x[0], a[1] + b[1] + x[1]


def event(seed: int, e: int) -> dict:
    r = _rng(seed, "event", e)
    theme, kind = THEMES[e % len(THEMES)], KINDS[(e // len(THEMES)) % len(KINDS)]
    series = e // (len(THEMES) * len(KINDS))
    name_ko, name_en = f"{theme[0]} {kind[0]}", f"{theme[1]} {kind[1]}"
    if series:  # more series than theme x kind: a host-city series
        v = VENUES[series % len(VENUES)]
        name_ko, name_en = f"{v[0]} {name_ko}", f"{v[1]} {name_en}"
    return {"ko": name_ko, "en": name_en, "theme": theme, "ministry": r.randrange(len(MINISTRIES)),
            "venue": r.randrange(len(VENUES)), "first": 2015 + r.randrange(8)}


def article(seed: int, i: int) -> dict:
    """The facts of article ``i`` (before it is written in one form)."""
    r = _rng(seed, "article", i)
    people_n = 150 + i // 3
    events_n = 40 + i // 25
    ev_k = r.randrange(events_n)
    ev = event(seed, ev_k)
    year = min(2026, ev["first"] + r.randrange(10))
    month, day = 1 + r.randrange(12), 1 + r.randrange(28)
    ministry = MINISTRIES[ev["ministry"]]
    staff_n = 4 + i // (4 * len(MINISTRIES))  # officials per ministry grow with the archive
    off = official(seed, ev["ministry"], r.randrange(staff_n))
    execs_n = 100 + i // 4
    execs = [executive(seed, r.randrange(execs_n)) for _ in range(2)]
    contact = official(seed, ev["ministry"], staff_n + r.randrange(staff_n))
    cos = sorted({p["company"] for p in execs} | {r.randrange(company_pool(i)) for _ in range(2)})
    fmt_r = r.random()
    english = i % 5 == 4
    return {
        "i": i, "year": year, "month": month, "day": day, "ministry": ministry,
        "event": ev, "edition": year - ev["first"] + 1, "venue": VENUES[ev["venue"]],
        "official": off, "execs": execs, "exco": company(seed, execs[0]["company"]), "companies": [company(seed, c) for c in cos],
        "contact": contact, "topic": r.choice(TOPICS), "n_cos": 10 + r.randrange(90),
        "quote_ko": r.choice(QUOTES_KO), "quote_en": r.choice(QUOTES_EN),
        "lang": "en" if english else "ko",
        "form": ("html" if fmt_r < 0.4 else "txt") if english else ("jsonl" if fmt_r < 0.12 else "html" if fmt_r < 0.18 else "txt"),
        "minister": minister(seed, ev["ministry"], year),
        "phone": 6000 + r.randrange(4000), "views": 100 + r.randrange(5000),
    }


def _j(word: str, with_final: str, without: str) -> str:
    """``word`` and the particle that fits its last syllable (은/는, 을/를, 이/가 ...)."""
    c = word[-1]
    final = 0xAC00 <= ord(c) <= 0xD7A3 and (ord(c) - 0xAC00) % 28 != 0
    return word + (with_final if final else without)


def _dow(y: int, m: int, d: int) -> str:
    import datetime as dt

    return DOW[dt.date(y, m, d).weekday()]


def ko_press(a: dict) -> str:
    m, ev, o = a["ministry"], a["event"], a["official"]
    y, mo, d = a["year"], a["month"], a["day"]
    city, _, venue, _ = a["venue"]
    ename = f"{y} {ev['ko']}"
    (c1, _), (c2, _) = a["companies"][0], a["companies"][-1]
    ex = a["execs"][0]
    t = ev["theme"][0]
    lines = [
        f"{m['ko']}                                                    보 도 자 료", "",
        f"보도시점: {y}. {mo}. {d}.({_dow(y, mo, d)}) 12:00                        배포: {y}. {mo}. {d}.({_dow(y, mo, d)}) 09:00",
        "", "",
        f"{m['short']}, ‘{ename}’ 개최 (제{a['edition']}회)", "",
        f"- {c1}·{c2} 등 {a['n_cos']}개사 참여 … {a['topic'][0]} 논의", "", "",
        f"□ {m['ko']}(장관 {o['ko'] if o['title'][0] == '장관' else a['minister']}, 이하 {m['short']})는 {d}일({_dow(y, mo, d)}) "
        f"{city} {venue}에서 ‘{ename}’{_j(ev['ko'], '을', '를')[-1]} 개최했다고 밝혔다.", "",
        f"  ㅇ 올해로 {a['edition']}회째를 맞은 이번 행사에는 {c1}, {c2} 등 {t} 기업 {a['n_cos']}개사가 참여했다.", "",
        f"□ 행사는 {m['short']} {o['ko']} {o['title'][0]}의 개회사로 시작됐다.", "",
        f"  ㅇ 이어 {a['exco'][0]} {ex['ko']} {_j(ex['title'][0], '이', '가')} "
        f"‘{t} {a['topic'][0]}’{_j(a['topic'][0], '을', '를')[-1]} 주제로 기조강연을 했다.", "",
        f"□ {_j(o['ko'] + ' ' + o['title'][0], '은', '는')} “{a['quote_ko'].format(t=t)}”라며 “{QUOTES_KO[1]}”고 밝혔다.", "", "",
        f"담당 부서  {m['ko']} {t}정책과  책임자  과  장  {a['contact']['ko']} (044-202-{a['phone']})",
    ]
    return "\n".join(lines) + "\n"


def en_press(a: dict) -> str:
    m, ev, o = a["ministry"], a["event"], a["official"]
    y, mo, d = a["year"], a["month"], a["day"]
    _, city, _, venue = a["venue"]
    ename = f"{y} {ev['en']}"
    ex = a["execs"][0]
    t = ev["theme"][1]
    sur = o["en"].split()[0]
    lines = [
        m["en"], "Home  >  News  >  Press Releases", "",
        f"{m['acr']} holds the {ename} in {city}",
        f"Date {y}-{mo:02d}-{d:02d}    Views {a['views']}", "",
        f"- {o['title'][1]} {o['en']} opens the event; {a['n_cos']} companies take part", "",
        f"The {m['en']} ({m['acr']}) held the '{ename}' at {venue} in {city} on {MONTHS[mo - 1]} {d}. "
        f"It was the {_ordinal(a['edition'])} edition of the event.", "",
        f"{o['title'][1]} {o['en']} opened the event. {ex['en']}, {ex['title'][1]} of {a['exco'][1]}, "
        f"gave the keynote speech on {a['topic'][1]}, and {a['companies'][-1][1]} presented its plans.", "",
        f"\"{a['quote_en'].format(t=t)},\" {o['title'][1]} {sur} said.", "",
        f"Contact: {t} Policy Division, +82-44-202-{a['phone']}",
        f"Copyright (C) {m['en']}. All Rights Reserved.",
    ]
    return "\n".join(lines) + "\n"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def news_ko(a: dict) -> tuple[str, str]:
    ev, o, ex = a["event"], a["official"], a["execs"][0]
    _, _, venue, _ = a["venue"]
    c1 = a["exco"][0]
    title = f"{c1} {ex['ko']} {ex['title'][0]}, ‘{a['year']} {ev['ko']}’서 {a['topic'][0]} 발표"
    body = (
        f"{c1} {ex['ko']} {_j(ex['title'][0], '은', '는')} 지난 {a['day']}일 {a['venue'][0]} {venue}에서 열린 ‘{a['year']} {ev['ko']}’에서 "
        f"{_j(a['topic'][0], '을', '를')} 발표했다고 밝혔다.\n\n"
        f"이날 행사에는 {a['ministry']['ko']} {o['ko']} {_j(o['title'][0], '이', '가')} 참석해 축사를 했다.\n\n"
        f"{ex['ko'][0]} {_j(ex['title'][0], '은', '는')} “{a['quote_ko'].format(t=ev['theme'][0])}”라고 말했다.\n\n"
        f"{a['contact']['ko']} 기자"
    )
    return title, body


def news_en(a: dict) -> tuple[str, str]:
    ev, o, ex = a["event"], a["official"], a["execs"][0]
    _, city, _, venue = a["venue"]
    c1 = a["exco"][1]
    title = f"{c1}'s {ex['en']}: {ev['theme'][1]} firms ready for global markets"
    body = (
        f"{city.upper()} -- {ev['theme'][1]} companies are ready for global markets, said {ex['en']}, "
        f"{ex['title'][1]} of {c1}, who spoke at the {a['year']} {ev['en']} at {venue} on {MONTHS[a['month'] - 1]} {a['day']}.\n\n"
        f"The event, hosted by the {a['ministry']['en']}, brought together {a['n_cos']} companies, including "
        f"{a['companies'][-1][1]}.\n\n{o['title'][1]} {o['en']} of the {a['ministry']['acr']} gave the opening address.\n\n"
        f"\"{a['quote_en'].format(t=ev['theme'][1])},\" {ex['en'].split()[0]} said."
    )
    return title, body


def _html(a: dict, title: str, body: str) -> str:
    import html

    lang = a["lang"]
    site = "Example Tech Daily" if lang == "en" else "예시경제신문"
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)} - {site}</title>\n"
        f"<meta property=\"og:title\" content=\"{html.escape(title)}\">\n"
        f"<meta property=\"og:site_name\" content=\"{site}\">\n"
        f"<meta property=\"article:published_time\" content=\"{a['year']}-{a['month']:02d}-{a['day']:02d}T09:00:00+09:00\">\n"
        f"<meta property=\"og:url\" content=\"https://news.example.org/{a['year']}/{a['i']}\">\n"
        "</head>\n<body>\n<nav><a href=\"/\">Home</a> | <a href=\"/tech\">Tech</a></nav>\n"
        f"<article>\n<h1>{html.escape(title)}</h1>\n{paras}\n</article>\n"
        "<footer>© Example. All rights reserved.</footer>\n</body>\n</html>\n"
    )


def write_corpus(folder: Path, start: int, count: int, seed: int = 7) -> list[Path]:
    """Write articles ``start .. start+count-1`` under ``folder`` (files that
    already exist are kept: they hold the same bytes). Returns the files, in
    article order, each once. ``start`` and ``count`` are multiples of 100."""
    assert start % BLOCK == 0 and count % BLOCK == 0, "start and count are multiples of 100"
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for b in range(start // BLOCK, (start + count) // BLOCK):
        sub = folder / f"{b // 100:04d}"
        sub.mkdir(exist_ok=True)
        records = []
        for i in range(b * BLOCK, (b + 1) * BLOCK):
            a = article(seed, i)
            if a["form"] == "jsonl":
                title, body = news_ko(a)
                records.append(json.dumps({
                    "id": f"synth-news-{i:07d}", "title": title,
                    "published": f"{a['year']}-{a['month']:02d}-{a['day']:02d}T10:15:00+09:00",
                    "publisher": "예시경제신문", "lang": "ko",
                    "url": f"https://news.example.org/articles/{i}", "body": body,
                }, ensure_ascii=False))
                continue
            if a["form"] == "html":
                title, body = news_en(a) if a["lang"] == "en" else news_ko(a)
                path, text = sub / f"{i:07d}_news_{a['lang']}.html", _html(a, title, body)
            else:
                path = sub / f"{i:07d}_press_{a['lang']}.txt"
                text = en_press(a) if a["lang"] == "en" else ko_press(a)
            if not path.exists():
                path.write_text(text, encoding="utf-8")
            files.append(path)
        if records:
            path = sub / f"{b:05d}_feed.jsonl"
            if not path.exists():
                path.write_text("\n".join(records) + "\n", encoding="utf-8")
            files.append(path)
    return files
