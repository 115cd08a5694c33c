"""Text normalisation shared by every input form."""
from __future__ import annotations

import re
import unicodedata


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: every space character (every ``\s`` but the line breaks): a line after ``_ws``
#: has no run of spaces, on which the patterns ending in ``\s*$`` backtrack
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # NEL, LINE and PARAGRAPH SEPARATOR break lines (and are no spaces within one)
    text = text.replace("\x85", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
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

#: leading list bullets and whitespace (trailing whitespace is ``rstrip``'s: a
#: ``\s+$`` tried at each space of a long run of spaces is quadratic)
_CORE_STRIP_RE = re.compile(r"^[\s•·∙●◦▪▫■◆▶▷►▸‣*]+")


def _core(line: str) -> str:
    """The line without leading list bullets and outer whitespace."""
    return _ws(_CORE_STRIP_RE.sub("", line))
