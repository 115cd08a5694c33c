"""Text normalisation shared by every input form."""
from __future__ import annotations

import re
import unicodedata


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = text.replace("\t", "    ").replace("\u00a0", " ").replace("\u3000", " ")
    text = _CONTROL_RE.sub("", text.replace("\x0c", "\n"))
    return text


def _ws(s: str) -> str:
    return _SPACES_RE.sub(" ", s).strip()


def _join_paragraphs(paragraphs: list[list[str]]) -> str:
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


# ==========================================================================
# Line classification: page furniture

_CORE_STRIP_RE = re.compile(r"^[\s•·∙●◦▪▫■◆▶▷►▸‣*]+|\s+$")


def _core(line: str) -> str:
    """The line without leading list bullets and outer whitespace."""
    return _ws(_CORE_STRIP_RE.sub("", line))
