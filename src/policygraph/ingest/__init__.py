"""Read article files into :class:`~policygraph.models.Article` objects.

The package has one module per input form and one for page furniture, read
top-down:

* ``sources``: files, folders, bytes and encodings; dispatch by extension;
* ``text``: ``.txt`` page dumps (portal pages, English releases) and Markdown;
* ``press``: the Korean press-release (보도자료) layout and its contact block;
* ``html``: HTML pages (selectolax), ld+json and meta tags;
* ``feeds``: JSON and JSON Lines records with their common field names;
* ``body``: body assembly shared by every form (paragraphs, where the body ends);
* ``furniture``: what pages have in common around the article (menus,
  bylines, credits, copyright lines, lists of other headlines, date lines);
* ``document``: a parsed page -> ``Article`` (ids, language);
* ``textutil``: normalisation shared by all of them.

Public API
----------
``iter_articles(paths, *, max_bytes=DEFAULT_MAX_BYTES)``
    Files and folders (folders recursively, sorted, hidden entries and
    unsupported extensions skipped silently) -> ``Article`` or
    ``IngestFailure`` items, in order.  A bad file or record yields one
    ``IngestFailure`` and the batch goes on.
``read_file(path, *, max_bytes=DEFAULT_MAX_BYTES, source=None)``
    One file -> ``list[Article]``; raises ``IngestError`` on the first problem
    (for multi-record files, naming the record ``PATH#N``).
``article_from_text(text, source="<text>", fmt="txt")``
    Parse already-decoded text (txt, html, md) into one Article.
``stable_id(name, title, published)``
    The id rule for articles without a record id (see below).

Formats
-------
``.txt`` (portal page dumps, Korean 보도자료 and English press releases),
``.html``/``.htm``/``.xhtml`` (selectolax), ``.json`` (one object, an array,
or an object holding an ``articles``/``items``/``records``/``data`` list),
``.jsonl``/``.ndjson`` (one record a line), ``.md``/``.markdown``.
Records carry ``id``, ``title``, ``body`` or ``text``, ``published``, ``url``,
``publisher``, ``lang`` (a few common synonyms are accepted too).

Sources and ids
---------------
``Article.source`` is the path as the caller gave it (a file under a given
folder is ``os.path.join(folder, relative path)``, never resolved); a record of
a JSON Lines file or of a JSON array is ``PATH#N``, N counting records from 1
(every non-blank line of a JSON Lines file is a record, malformed or not, so
numbering does not shift when one line is bad).

``Article.id`` is the record's ``id`` when it has one; otherwise
``stable_id(name, title, published)``: the first 16 hex digits of
SHA-1 over ``name + "\\n" + title + "\\n" + published-date``, where ``name`` is
the file's base name, Unicode-NFC and lower-cased, with ``#N`` appended for a
record of a multi-record file, ``title`` is the whitespace-normalised title
and the date is ``YYYY-MM-DD`` (empty when unknown).  It does not depend on the
folder, the machine or the checkout.

Page furniture
--------------
``Article.text`` is the body only: headline, date lines, font-size and share
controls, reaction buttons, bylines and reporter e-mails, copyright and
publisher footers, related / most-read lists, market tickers are removed;
paragraphs are kept, separated by a blank line (``\\n\\n``), whitespace
normalised within each line.  For a Korean press release (보도자료) the header
(보도시점/엠바고, 배포일시, 담당 부서, 책임자/담당자 with phone numbers) goes to
``Article.properties`` (``issuer``, ``office``, ``embargo``, ``released``,
``contacts``, ``doc_type``, ``attachments``) and the trailing 붙임 list,
contact sentence and licence lines are dropped; □/ㅇ/- bullets stay.
"""
from __future__ import annotations

from .document import detect_lang, stable_id
from .sources import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    article_from_text,
    count_records,
    decode_bytes,
    is_multi_record,
    iter_articles,
    iter_files,
    read_bytes,
    read_file,
    read_items,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "iter_articles",
    "iter_files",
    "read_items",
    "read_bytes",
    "is_multi_record",
    "count_records",
    "read_file",
    "article_from_text",
    "decode_bytes",
    "stable_id",
    "detect_lang",
]
