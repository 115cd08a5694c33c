"""Relations between the entities of a Korean article, sentence by sentence.

Each sentence gets an *event context*: the events it names, or the events it
refers to with a generic head ("이번 간담회", "당시 행사", "출범식에서"). Roles
come from the verbs around each participant.
"""
from __future__ import annotations

import re

from . import lexicon as lx
from .ko import KoreanExtractor, event_head
from .when import find_dates

_GENERIC_DET = ("이번", "이날", "당시", "본", "해당", "오늘", "이", "그", "같은")
_ORGANIZE_RE = re.compile(r"(공동\s?)?(개최|주최|주관|열었|연다|열어|열고|마련했|마련한|개막|출범시|연다고|열 예정|운영)")
_HELD_RE = re.compile(r"(열린|열렸|열리|열려|개최된|개최됐|개최되|진행된|진행됐|진행되|진행하|개최하|개최했|열었|가졌|치러|펼쳐|개막)")
_BY_RE = re.compile(r"(주최|주관|공동\s?주최|후원)(?:로|으로|하고|하며|하는|한|했|해)")
_PARTICIPATE_RE = re.compile(
    r"(참석|참여|참가|발표|강연|기조강연|축사|환영사|개회사|인사말|주재|서명|체결|출품|전시|패널|토론|시연|심사|좌장|사회를|피칭|방문|매칭|상담|수상|받았|선정|공유|소개|격려|시상)"
)
_SAY_RE = re.compile(r"(?:라고|이라고|고|며|면서|라며|이라며|라면서)\s*(밝혔|말했|강조했|덧붙였|전했|설명했|당부했|언급했|평가했|약속했|다짐했|주문했|했다|소감을)")


def _sentence_entities(ex: KoreanExtractor, s) -> list[tuple[int, int, object]]:
    out = []
    for start, end, eid in ex.doc.claimed:
        if s.start <= start < s.end:
            e = ex.doc.entities.get(eid)
            if e is not None:
                out.append((start, end, e))
    out.sort(key=lambda x: x[0])
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


def korean_relations(ex: KoreanExtractor) -> None:
    doc = ex.doc
    text = ex.text
    pub = doc.article.published.date() if doc.article.published else None
    events_order: list[tuple[int, object]] = []  # (position, event) of every event mention so far
    all_events = [e for e in doc.entities.values() if e.type == "Event"]
    title_events = [e for e in all_events if any(m.start < 0 for m in e.mentions)]
    main_event = None
    if all_events:
        main_event = min(all_events, key=lambda e: min(m.start for m in e.mentions))
    last_ctx: list = []
    prev_sentence_end = -1
    for s in ex.sents:
        ents = _sentence_entities(ex, s)
        stext = s.text
        explicit = []
        for st, en, e in ents:
            if e.type == "Event" and e not in explicit:
                explicit.append(e)
                events_order.append((st, e))
        # generic references
        refs = []
        ev_mentions: list[tuple[int, object]] = [(st, e) for st, en, e in ents if e.type == "Event"]
        for w in ex.words[ex.word_at.get(s.start, 0):]:
            if w.start >= s.end:
                break
            if doc.is_claimed(w.stem_start, w.stem_end):
                continue
            stem = w.stem
            head = event_head(stem) if stem else None
            if not head or len(stem) > len(head) + 2:
                continue
            target = _resolve_ref(head, stem, events_order, all_events, main_event)
            if target is not None:
                ev_mentions.append((w.stem_start, target))
                if target not in refs and target not in explicit:
                    refs.append(target)
        ctx = explicit + refs
        continuation = stext.lstrip().startswith(("이어", "ㅇ 이어", "또한", "또", "ㅇ", "-", "이 자리에서", "이날"))
        if not ctx and last_ctx and (continuation or s.start - prev_sentence_end < 3):
            ctx = list(last_ctx)
        dates = find_dates(stext, pub)

        # --- event dates: the date nearest before the event's first mention, else
        # any date in the sentence, else "이날" context
        for e in explicit:
            if e.properties.get("start_date"):
                continue
            first = min(m.start for m in e.mentions)
            if not (s.start <= first < s.end):
                continue
            cand = [d for d in dates if not _inside_event(d, e, s)]
            if cand:
                rel_pos = first - s.start
                cand.sort(key=lambda d: (abs(d.start - rel_pos) if d.start < rel_pos else 1000 + d.start - rel_pos))
                d = cand[0]
                e.properties["start_date"] = d.value
                if d.end_value:
                    e.properties["end_date"] = d.end_value

        orgs = [(st, en, e) for st, en, e in ents if e.type == "Organization"]
        places = [(st, en, e) for st, en, e in ents if e.type == "Place"]
        persons = [(st, en, e) for st, en, e in ents if e.type == "Person"]
        organizers: set[str] = set()
        venue_ids: set[str] = set()

        if ctx:
            # --- HELD_AT: "X에서" + a holding verb
            held_verb = _HELD_RE.search(stext) or _ORGANIZE_RE.search(stext)
            for st, en, e in places + orgs:
                w = _word_after(ex, en)
                if w is None or not w.particle.startswith("에서") or en < w.stem_end - 1:
                    # "구글코리아 사옥에서": the org's premises
                    if w is not None and e.type == "Organization":
                        i = ex.word_at.get(en - 1)
                        nxt = ex.words[i + 1] if i is not None and i + 1 < len(ex.words) else None
                        if not (nxt and nxt.stem in ("사옥", "본사", "본부", "캠퍼스", "청사", "스튜디오", "센터", "연구소", "공장", "건물") and nxt.particle.startswith("에서")):
                            continue
                    else:
                        continue
                if not held_verb:
                    continue
                # the event named right after the place ("X에서 열린 E"), else the context event
                after = sorted(((p, x) for p, x in ev_mentions if p > st), key=lambda t: t[0])
                ev = after[0][1] if after else ctx[0]
                # skip a wider place followed by a more specific one ("서울 코엑스에서")
                doc.relate("HELD_AT", ev, e, (s.start, s.end))
                venue_ids.add(e.id)
            # drop a wider HELD_AT when a narrower one exists in the same event
            # --- ORGANIZED
            org_verb = _ORGANIZE_RE.search(stext)
            for st, en, e in orgs:
                if e.id in venue_ids or (st, en) in ex.affiliation_spans:
                    continue
                w = _word_after(ex, en)
                if w is None:
                    continue
                rel_end = en - s.start
                tail = stext[rel_end : rel_end + 14]
                by = _BY_RE.match(tail.lstrip()) or (w.stem_end == en and _BY_RE.match(text[w.stem_end:w.end]))
                is_subject = w.particle in ("는", "은", "이", "가", "와", "과", "도", "에서는", "이며", "") and (
                    w.stem_end <= en + 1
                )
                listed = text[en : en + 2].strip()[:1] in ("·", ",", "와", "과", "(") or text[en:en + 1] == "·"
                if by or (org_verb and (is_subject or listed) and st < s.start + org_verb.start() and not _inside_any_event(st, explicit)):
                    if w.particle in ("에", "에게", "을", "를", "의") and not by:
                        continue
                    for ev in (explicit or ctx)[:1] if not by else (explicit or ctx)[:1]:
                        doc.relate("ORGANIZED", e, ev, (s.start, s.end))
                        organizers.add(e.id)
            # --- PARTICIPATED_IN: people
            part_verb = _PARTICIPATE_RE.search(stext)
            for st, en, p in persons:
                after_text = stext[en - s.start :]
                role = _role(after_text[:60])
                if not part_verb and not explicit and not refs:
                    continue
                ev = _nearest_event(st, explicit, refs, ctx)
                doc.relate("PARTICIPATED_IN", p, ev, (s.start, s.end), role=role)
            # --- PARTICIPATED_IN: organisations that take part themselves
            if part_verb or refs:
                for st, en, e in orgs:
                    if e.id in organizers or e.id in venue_ids or (st, en) in ex.affiliation_spans:
                        continue
                    if _inside_any_event(st, explicit):
                        continue
                    w = _word_after(ex, en)
                    if w is not None and w.particle in ("의",):
                        continue
                    ev = _nearest_event(st, explicit, refs, ctx)
                    if doc.has_relation("ORGANIZED", e.id, ev.id):
                        continue
                    doc.relate("PARTICIPATED_IN", e, ev, (s.start, s.end), role=_role(stext[en - s.start :][:60]))
            # --- ABOUT
            for st, en, t in ents:
                if t.type == "Topic":
                    for ev in ctx[:1]:
                        doc.relate("ABOUT", ev, t, (s.start, s.end))
            last_ctx = ctx
        else:
            last_ctx = [] if not continuation else last_ctx

        # --- MAKES: "마이크로소프트의 대표 메타버스 디바이스인 ‘홀로렌즈’"
        for st, en, prod in ents:
            if prod.type != "Product":
                continue
            before = [x for x in orgs if x[1] <= st]
            if before:
                doc.relate("MAKES", before[-1][2], prod, (before[-1][0], en))

        # --- SAID
        _quotes(ex, s, persons)
        prev_sentence_end = s.end

    # main event without a date: an event the article reports on the day ("이날")
    if pub is not None:
        for e in all_events:
            if not e.properties.get("start_date"):
                if e is main_event or any(r.type in ("HELD_AT",) and r.source == e.id for r in doc.relations.values()):
                    e.properties["start_date"] = pub.isoformat()


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


def _resolve_ref(head: str, stem: str, events_order, all_events, main_event):
    if head in ("행사", "프로그램"):
        if events_order:
            return events_order[-1][1]
        return main_event
    same = [e for pos, e in reversed(events_order) if (event_head(e.name) or "").endswith(head)]
    if same:
        return same[0]
    same = [e for e in all_events if (event_head(e.name) or "").endswith(head)]
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
