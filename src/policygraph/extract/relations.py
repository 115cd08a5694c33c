"""Relations between the entities of a Korean article, sentence by sentence.

Each sentence gets an *event context*: the events it names, or the events it
refers to with a generic head ("이번 간담회", "당시 행사", "출범식에서"). Roles
come from the verbs around each participant.
"""
from __future__ import annotations

import bisect
import re

from . import lexicon as lx
from .ko import KoreanExtractor, event_head
from .when import event_date, find_dates

_GENERIC_DET = ("이번", "이날", "당시", "본", "해당", "오늘", "이", "그", "같은")
_ORGANIZE_RE = re.compile(r"(공동\s?)?(개최|주최|주관|열었|연다|열어|열고|여는|열며|마련했|마련한|마련하는|개막(?!식)|출범시|연다고|열 예정|운영(?!위원))")
_HELD_RE = re.compile(r"(열린|열렸|열리|열려|열릴|여는|열며|개최된|개최됐|개최되|개최될|진행된|진행됐|진행되|진행될|진행하|개최하|개최했|개최할|열었|가졌|갖는|치러|펼쳐|개막(?!식))")
_SIGNED_RE = re.compile(r"(체결|서명|출범|발족|개소|준공)")
_BOOTH_RE = re.compile(r"(?:부스|관|코너|매장|창구|센터)(?:을|를|도)?\s*$")
_BOOTH_RUN_RE = re.compile(r"(?:부스|전시관|홍보관|특별관|체험관|상담관|코너)(?:을|를|도)?\s*(?:\S+\s)?운영")
_HOST_RE = re.compile(r"(?:개최|주최|주관|열었|연다|열어|열고|여는)")
_BY_RE = re.compile(r"(주최|주관|공동\s?주최|후원)(?:로|으로|하고|하며|하는|한|했|해)")
_PARTICIPATE_RE = re.compile(
    r"(참석|참여|참가|발표|강연|기조강연|축사|환영사|개회사|인사말|주재|서명|체결|맺|출품|전시|패널|토론|시연|심사|좌장|사회를|피칭|방문|매칭|상담|수상|받았|선정|공유|소개|격려|시상)"
)
_SAY_RE = re.compile(r"(?:라고|이라고|고|며|면서|라며|이라며|라면서)\s*(밝혔|말했|강조했|덧붙였|전했|설명했|당부했|언급했|평가했|약속했|다짐했|주문했|했다|소감을)")


def _sentence_entities(ex: KoreanExtractor, s, claims=None) -> list[tuple[int, int, object]]:
    """Entity mentions starting inside sentence ``s`` (``claims``: the document's
    claims sorted by start, to slice instead of scanning)."""
    if claims is None:
        claims = sorted(ex.doc.claimed)
    lo = bisect.bisect_left(claims, (s.start,))
    out = []
    for start, end, eid in claims[lo:]:
        if start >= s.end:
            break
        e = ex.doc.entities.get(eid)
        if e is not None:
            out.append((start, end, e))
    return out


def _word_after(ex: KoreanExtractor, end: int):
    i = ex.word_at.get(end - 1)
    return ex.words[i] if i is not None else None


def _role(text_after: str) -> str:
    best = None
    for verb, role in lx.ROLE_BY_VERB:
        k = text_after.find(verb)
        if k >= 0 and (best is None or k < best[0]):
            best = (k, role)
    return best[1] if best else "attendee"


_SUBJECT = ("이", "가", "은", "는", "도", "께서", "이며", "에서는", "")
_COMITATIVE = ("와", "과", "와의", "과의", "와도", "과도", "로는", "으로는", "이나", "나")
_CONTINUATION = ("이어", "ㅇ", "-", "또한", "또", "이 자리에서", "이날", "한편", "특히", "이와 함께", "아울러")


def _np_particle(ex: KoreanExtractor, end: int) -> str | None:
    """The particle closing the noun phrase an entity mention belongs to: walks
    over list items ("A, B, C 등 N개사가") to the first word with a particle."""
    i = ex.word_at.get(end - 1)
    if i is None:
        return None
    words = ex.words
    w = words[i]
    if end < w.stem_end:
        return None
    def counted(j: int) -> bool:
        # the head of a list: "10개사가", "10개 대학에서", "기업들이"
        lo = words[j - 1].start if j > 0 else words[j].start
        return bool(_COUNTED.search(ex.text[lo : words[j].end]))

    after_list = False
    for k in range(i, min(i + 10, len(words))):
        w = words[k]
        if w.stem == "등":
            after_list = True
        if after_list and w.particle and not counted(k):
            # "A, B 등 본선에 오른 스타트업 10개사가": a clause inside the list's
            # head noun phrase; the head ("10개사가") carries the particle
            if any(counted(j) for j in range(k + 1, min(k + 4, len(words)))):
                continue
            return w.particle
        if w.particle:
            return w.particle
        if w.is_verbal and not after_list:
            return ""
        if k > i and ex.text[words[k - 1].end - 1] in ".”\"":
            return ""
    return ""


_COUNTED = re.compile(
    r"\d+\s?(?:개사|개\s?(?:기업|기관|업체|팀|대학|단체|국)|곳|명)\S*$|(?:기업|기관|업체|스타트업|회사)들?(?:이|가|은|는|도|과|와)$"
)


def _in_parens(text: str, start: int, lo: int) -> bool:
    o = text.rfind("(", lo, start)
    return o >= 0 and text.find(")", o, start) < 0


def korean_relations(ex: KoreanExtractor) -> None:
    doc = ex.doc
    text = ex.text
    pub = doc.article.published.date() if doc.article.published else None
    all_events = [e for e in doc.entities.values() if e.type == "Event"]

    # ---- pass 1: event mentions per sentence (explicit and generic references)
    infos = []
    events_order: list[tuple[int, object]] = []
    main_event = None
    signed_event = None
    claims = sorted(doc.claimed)
    for s in ex.sents:
        ents = _sentence_entities(ex, s, claims)
        evm: list[tuple[int, object, bool]] = []  # (position, event, explicit)
        for st, en, e in ents:
            if e.type == "Event":
                evm.append((st, e, True))
                events_order.append((st, e))
        for w in ex.words[ex.word_at.get(s.start, 0):]:
            if w.start >= s.end:
                break
            if not w.stem or doc.is_claimed(w.stem_start, w.stem_end):
                continue
            head = event_head(w.stem)
            if not head or len(w.stem) > len(head) + 2:
                continue
            i = ex.word_at.get(w.start)
            det = ex.words[i - 1].stem if i else ""
            evm.append((w.stem_start, ("ref", head, det, list(events_order)), False))
        hosted = bool(_HELD_RE.search(s.text) or _ORGANIZE_RE.search(s.text))
        held = hosted or bool(_SIGNED_RE.search(s.text))
        exp = [e for _, e, x in evm if x]
        if exp and hosted and main_event is None:
            main_event = exp[0]
        elif exp and held and signed_event is None:
            signed_event = exp[0]
        infos.append((s, ents, evm, held))
    # the event the article reports: the first one it says is held or hosted, else
    # the first agreement it says is signed, else the first event it names
    if main_event is None:
        main_event = signed_event
    if main_event is None and all_events:
        main_event = min(all_events, key=lambda e: min(m.start for m in e.mentions))
    # generic references: "이번/이날 간담회" is the event being reported, "당시 행사"
    # the one named just before; anything unresolved ("개막식") is part of the main event
    resolved_infos = []
    for s, ents, evm, held in infos:
        out = []
        for p, e, x in evm:
            if not x:
                _, head, det, seen = e
                e = _resolve_ref(head, det, seen, all_events, main_event) or main_event
            if e is not None:
                out.append((p, e, x))
        resolved_infos.append((s, ents, out, held))
    infos = resolved_infos

    # ---- event dates: from the sentences naming the event, those that hold it first
    refs = _reference_dates([s for s, _, _, _ in infos], pub)
    for e in all_events:
        best = None
        for idx, (s, ents, evm, held) in enumerate(infos):
            pos = [p for p, x, exp in evm if x is e and exp]
            if not pos:
                continue
            dates = [d for d in find_dates(s.text, refs[idx]) if not _inside_event(d, e, s) and event_date(e.name, d)]
            if not dates:
                continue
            rel = pos[0] - s.start
            dates.sort(key=lambda d: (abs(d.start - rel) if d.start < rel else 1000 + d.start - rel))
            rank = (0 if held else 1, idx)
            if best is None or rank < best[0]:
                best = (rank, dates[0])
        if best is None:
            best = _date_from_context(e, infos, refs)
        if best is not None:
            start, end = event_date(e.name, best[1])
            e.properties["start_date"] = start
            if end:
                e.properties["end_date"] = end
        else:
            year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", e.name)
            if year:  # "2025 한·중앙아시아 핵심광물 대화": the edition year is all the text says
                e.properties["start_date"] = year.group(1)

    # ---- pass 2: relations
    last_ctx: list = []
    for s, ents, evm, held in infos:
        stext = s.text
        explicit = [e for _, e, x in evm if x]
        ctx_mentions = [(p, e) for p, e, _ in evm]
        continuation = stext.lstrip().startswith(_CONTINUATION)
        part_verb = _PARTICIPATE_RE.search(stext) or _BOOTH_RUN_RE.search(stext)
        if not ctx_mentions and last_ctx and continuation:
            ctx_mentions = [(s.start, e) for e in last_ctx]
        elif not ctx_mentions and part_verb and main_event is not None:
            ctx_mentions = [(s.start, main_event)]
        ctx = list({e.id: e for _, e in ctx_mentions}.values())

        orgs = [(st, en, e) for st, en, e in ents if e.type == "Organization"]
        places = [(st, en, e) for st, en, e in ents if e.type == "Place"]
        persons = [(st, en, e) for st, en, e in ents if e.type == "Person"]
        organizers: set[str] = set()
        venue_ids: set[str] = set()

        verb_spans = _participation_verbs(ex, s)

        def governing(pos: int, end: int):
            """Events a participant at [pos, end) took part in: the event argument
            ("E에", "E에는", "E를") closest before the verb that governs the
            participant, skipping events bound in a relative clause ("E에 참가했던
            X"); such a clause adds its event too."""
            out = []
            # relative clause right before the participant: "E에 참가했던 X"
            before = [v for v in verb_spans if v[1] <= pos and v[2]]
            if before:
                vs, ve, _ = before[-1]
                if pos - ve <= 40:
                    args = [(p, e) for p, e in ctx_mentions if p < vs and _event_arg(ex, e, p)]
                    if args:
                        out.append(max(args, key=lambda t: t[0])[1])
            after = [v for v in verb_spans if v[0] >= end and not v[2]]
            if after:
                vs = after[0][0]
                bound = {id(e) for v in verb_spans if v[2] and v[0] < vs for p, e in ctx_mentions if p < v[0] and p > v[0] - 40}
                args = [(p, e) for p, e in ctx_mentions if p < vs and _event_arg(ex, e, p) and not (id(e) in bound and any(v[2] and p < v[0] < vs and v[0] < pos for v in verb_spans))]
                if args:
                    out.append(max(args, key=lambda t: t[0])[1])
            return out

        def nearest(pos: int, prefer_after: bool = False):
            if prefer_after:
                after = sorted(((p, e) for p, e in ctx_mentions if p > pos), key=lambda t: t[0])
                if after:
                    return after[0][1]
            return min(ctx_mentions, key=lambda t: abs(t[0] - pos))[1]

        if ctx:
            # --- HELD_AT: "X에서" + a holding verb; the event named right after the place
            for st, en, e in places + orgs:
                w = _word_after(ex, en)
                if w is None:
                    continue
                ok = w.particle.startswith("에서") and en >= w.stem_end - 1
                if not ok:
                    i = ex.word_at.get(en - 1)
                    nxt = ex.words[i + 1] if i is not None and i + 1 < len(ex.words) else None
                    nouns = _PREMISES if e.type == "Organization" else _AREA
                    ok = bool(nxt and nxt.stem in nouns and nxt.particle.startswith("에서"))
                if not ok or not held:
                    continue
                exp_after = sorted(((p, x) for p, x, xp in evm if xp and p > st), key=lambda t: t[0])
                ev = exp_after[0][1] if exp_after else nearest(st, prefer_after=True)
                doc.relate("HELD_AT", ev, e, (s.start, s.end))
                venue_ids.add(e.id)
            # --- ORGANIZED: a subject followed by an organising verb, or "X 주최로"
            # "부스를 운영했다", "특별관을 운영한다": running a booth is taking part, not hosting
            verbs = [m.start() + s.start for m in _ORGANIZE_RE.finditer(stext)
                     if not (m.group(2).startswith("운영") and _BOOTH_RE.search(stext[max(0, m.start() - 10) : m.start()]))]
            real = {id(x) for _, x, exp in evm if exp} | {p for p, _, _ in evm}
            for st, en, e in orgs:
                if e.id in venue_ids or (st, en) in ex.affiliation_spans or _inside_any_event(st, explicit):
                    continue
                tail = text[en : en + 12].lstrip()
                by = _BY_RE.match(tail)
                part = _np_particle(ex, en)
                if by or (part in _SUBJECT + ("와", "과") and any(v > en for v in verbs)):
                    # the event organised is the verb's object or subject, not a place
                    # something else happens at ("‘E’에 한국관을 운영")
                    args = [
                        (p, x) for p, x in ctx_mentions
                        if not _locative(ex, x, p) or any(0 <= p - v <= 14 for v in verbs)  # "개최하는 ‘E’에"
                    ]
                    if not by:
                        # the event is what the verb says is held: named shortly before it
                        # ("‘E’를 개최했다", "E를 … 공동 개최한다") or right after it ("개최하는 ‘E’"),
                        # by its name or a reference ("이번 행사를"), not only carried over
                        args = [(p, x) for p, x in args if p in real and any(0 < v - p <= 60 or 0 <= p - v <= 14 for v in verbs if v > en)]
                    if not args:
                        continue
                    if by:
                        ev = min(args, key=lambda t: abs(t[0] - st))[1]
                    else:  # the verb's own event: the last one named before it, else the one right after
                        v0 = min(v for v in verbs if v > en)
                        before_v = [t for t in args if t[0] < v0]
                        ev = (max(before_v, key=lambda t: t[0]) if before_v else min(args, key=lambda t: abs(t[0] - v0)))[1]
                    if ev.properties.get("event_type") == "signing" and not by and not _HOST_RE.search(stext):
                        continue  # signatories of an agreement take part in its signing; "마련하기로" hosts nothing
                    doc.relate("ORGANIZED", e, ev, (s.start, s.end))
                    organizers.add(e.id)
            # --- PARTICIPATED_IN: people (not those named in an apposition)
            for st, en, p in persons:
                if _in_parens(text, st, s.start):
                    continue
                if not (part_verb or explicit or evm):
                    continue
                for ev in governing(st, en) or [nearest(st)]:
                    doc.relate("PARTICIPATED_IN", p, ev, (s.start, s.end), role=_role(stext[en - s.start :][:60]))
            # --- PARTICIPATED_IN: organisations that take part themselves
            if part_verb or "매칭" in stext or "참가" in stext:
                for st, en, e in orgs:
                    if e.id in organizers or e.id in venue_ids or (st, en) in ex.affiliation_spans:
                        continue
                    if _inside_any_event(st, explicit) or _in_parens(text, st, s.start):
                        continue
                    part = _np_particle(ex, en)
                    if part not in _SUBJECT + _COMITATIVE:
                        continue
                    for ev in governing(st, en) or [nearest(st)]:
                        if doc.has_relation("ORGANIZED", e.id, ev.id):
                            continue
                        doc.relate("PARTICIPATED_IN", e, ev, (s.start, s.end), role=_role(stext[en - s.start :][:60]))
            # --- ABOUT
            for st, en, t in ents:
                if t.type == "Topic":
                    doc.relate("ABOUT", nearest(st), t, (s.start, s.end))
            last_ctx = ctx
        elif not continuation:
            last_ctx = []

        # --- MAKES: "마이크로소프트의 대표 메타버스 디바이스인 ‘홀로렌즈’"
        for st, en, prod in ents:
            if prod.type != "Product":
                continue
            before = [x for x in orgs if x[1] <= st]
            if before:
                doc.relate("MAKES", before[-1][2], prod, (before[-1][0], en))

        # --- SAID
        _quotes(ex, s, persons)

    # an event reported without a date: the main event happened on the day of the report
    if pub is not None and main_event is not None and not main_event.properties.get("start_date"):
        main_event.properties["start_date"] = pub.isoformat()


_MONTH_WRITTEN = re.compile(r"(?<!\d)\d{1,2}\s*월|(?<!\d)(?:19|20)\d\d[.-]\s?\d{1,2}[.-]")


def _reference_dates(sents, pub):
    """The date each sentence's day-only expressions ("4일") count from: the
    publication date, or the last day written with its month in the sentences
    before ("12월 3일부터 … 둘째 날인 4일"), when that day is near publication."""
    out = []
    ref = pub
    for s in sents:
        out.append(ref)
        if pub is None or not _MONTH_WRITTEN.search(s.text):
            continue
        days = [d for d in find_dates(s.text, ref) if len(d.value) == 10 and _MONTH_WRITTEN.search(d.text)]
        if days:
            from datetime import date as _date

            last = _date.fromisoformat(days[-1].value)
            if abs((last - pub).days) <= 92:
                ref = last
    return out


def _date_from_context(e, infos, refs):
    """An event whose own sentences give no date ("협약식 직후 같은 장소에서 간담회를
    열었다", "… 업무협약을 체결한다" in a paragraph about one day): the last day
    named in the sentences just before its first mention."""
    first = next((idx for idx, (_, _, evm, _) in enumerate(infos) if any(x is e and exp for _, x, exp in evm)), None)
    if first is None:
        return None
    for idx in range(first, max(-1, first - 4), -1):
        s = infos[idx][0]
        limit = min((m.start for m in e.mentions), default=s.end) if idx == first else s.end
        dates = [d for d in find_dates(s.text, refs[idx]) if s.start + d.start < limit and len(d.value) == 10 and event_date(e.name, d)]
        if dates:
            return ((2, idx), dates[-1])
    return None


_AREA = frozenset("일대 일원 인근 현지 곳곳 주변 전역 시내 도심".split())


def _event_particle(ex: KoreanExtractor, e, pos: int) -> str | None:
    """The particle after the event mention (or generic reference) at ``pos``."""
    for m in e.mentions:
        if m.start == pos:
            return _np_particle(ex, m.end)
    w = _word_after(ex, pos + 1)
    return w.particle if w is not None else None


def _event_arg(ex: KoreanExtractor, e, pos: int) -> bool:
    """The event mention at ``pos`` is a verb's argument: "E에", "E에는", "E를"."""
    part = _event_particle(ex, e, pos)
    return part is not None and part.startswith(("에", "을", "를", "의", "도", "로", "으로"))


def _locative(ex: KoreanExtractor, e, pos: int) -> bool:
    """The event mention at ``pos`` is where something happens ("E에", "E에서"),
    not what is organised."""
    part = _event_particle(ex, e, pos)
    return bool(part) and part.startswith("에") and not part.startswith("에서는")


def _participation_verbs(ex: KoreanExtractor, s) -> list[tuple[int, int, bool]]:
    """(start, end, adnominal) of every participation verb in the sentence;
    adnominal verbs ("참가했던", "참석한") open a relative clause."""
    out = []
    for m in _PARTICIPATE_RE.finditer(s.text):
        a = s.start + m.start()
        i = ex.word_at.get(a)
        if i is None:
            continue
        w = ex.words[i]
        toks = [t for t in w.toks if t.start >= a]
        if not any(t.tag.startswith(("XSV", "VV", "EP", "EF", "EC", "ETM", "ETN", "JK", "JX")) for t in toks) and w.end != s.end:
            # a bare noun ("발표 자료"): not a verb
            pass
        adnominal = any(t.tag == "ETM" for t in toks)
        out.append((a, w.end, adnominal))
    return out


_PREMISES = frozenset("사옥 본사 본부 캠퍼스 청사 스튜디오 센터 연구소 공장 건물 대강당 강당 회의실 홀 사무소 지사 무역관".split())


def _inside_event(d, e, s) -> bool:
    for m in e.mentions:
        if m.start <= s.start + d.start < m.end:
            return True
    return False


def _inside_any_event(pos: int, events) -> bool:
    return any(m.start <= pos < m.end for e in events for m in e.mentions)


def _nearest_event(pos: int, explicit, refs, ctx):
    cands = []
    for e in explicit + refs:
        for m in e.mentions:
            cands.append((abs(m.start - pos), e))
    if cands:
        cands.sort(key=lambda x: x[0])
        return cands[0][1]
    return ctx[0]


def _resolve_ref(head: str, det: str, events_order, all_events, main_event):
    def heads_match(e) -> bool:
        return (event_head(e.name) or "").endswith(head) or head in ("행사", "프로그램")

    if det in ("이번", "이날", "본", "금일", "오늘", "올해") and main_event is not None and heads_match(main_event):
        return main_event
    if det != "당시" and main_event is not None and heads_match(main_event) and head not in ("행사", "프로그램"):
        return main_event
    same = [e for pos, e in reversed(events_order) if heads_match(e) and (det != "당시" or e is not main_event)]
    if same:
        return same[0]
    same = [e for e in all_events if heads_match(e)]
    if len(same) == 1:
        return same[0]
    return None


_QUOTE_RE = re.compile(r"“([^”]{4,})”|\"([^\"]{4,})\"")


def _quotes(ex: KoreanExtractor, s, persons) -> None:
    doc = ex.doc
    stext = s.text
    qs = list(_QUOTE_RE.finditer(stext))
    if not qs:
        return
    speaker = None
    first_q = qs[0].start()
    before = [p for p in persons if p[0] - s.start < first_q]
    if before:
        speaker = before[-1][2]
    else:
        after = [p for p in persons if p[0] - s.start > qs[-1].end()]
        if after:
            speaker = after[0][2]
    if speaker is None:
        return
    tail = stext[qs[-1].end():]
    mv = _SAY_RE.search(tail)
    verb = mv.group(1) if mv else None
    for q in qs:
        body = q.group(1) or q.group(2)
        a = s.start + q.start() + 1
        b = a + len(body)
        quote = doc.entity("Quote", body, props={"text": body, "verb": verb})
        doc.mention(quote, a, b, force=True)
        doc.relate("SAID", speaker, quote, (s.start, s.end), verb=verb)
