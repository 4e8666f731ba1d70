"""Quotations in a text: where direct speech opens and closes.

Curly and straight double quotes, the ASCII pairs of newswire text, and (:data:`SINGLE_QUOTES`) quotations in
single marks as British and wire copy write them. Used by the attribution analyzer (a quotation is what a source
says) and by pronoun resolution in :mod:`onrecord.names` (a name inside a quotation is not who says it).
"""

from __future__ import annotations

import bisect
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .nlp import Document

OPEN_QUOTES = "“\""
CLOSE_QUOTES = "”\""


def mark_at(para: str, i: int) -> tuple[str, int]:
    """The quote mark starting at ``para[i]``: its role ("open", "close", "both" or "") and length.

    Besides “ ” and ", the two-character ASCII marks of some newswire text count: ``''`` (used there to open
    and to close: ''It's anti-reform,'' he said) and the typesetter's opening pair of backticks."""
    two = para[i:i + 2]
    if two == "''":
        return "both", 2
    if two == "``":
        return "open", 2
    ch = para[i]
    if ch in OPEN_QUOTES and ch in CLOSE_QUOTES:
        return "both", 1
    if ch in OPEN_QUOTES:
        return "open", 1
    if ch in CLOSE_QUOTES:
        return "close", 1
    return "", 1


def find_quotes(text: str, carried: bool = True) -> list[tuple[int, int]]:
    """Quotations in ``text`` as (start, end) offsets including the quote marks.

    Curly (“ ”) and straight (") double quotes, and the ASCII pairs ``''`` and backticks (see
    :func:`mark_at`). A quotation left open at the end of a paragraph continues into the next paragraph
    when that one opens with a quote mark; after a blank line, it ends with its paragraph when the next one opens
    with a quote mark (:data:`PARAGRAPH_QUOTES`); otherwise the stray mark is ignored.

    ``carried=False`` reads quotations as before session 29 — no quotation carried over a blank line, none in
    single marks closed by its paragraph's end — for the features of the models trained on that reading (the
    attribution CRFs, the first-name gender table), so that their artifacts stay what their training commands build.
    """
    quotes: list[tuple[int, int]] = []
    open_at: int | None = None
    inner = 0  # curly quotations open inside one opened by a straight mark (NESTED_CURLY)
    pos = 0
    carrying = carried_in = False  # whether a quotation was carried on into the next paragraph, into this one
    paragraphs = text.split("\n")
    for n, para in enumerate(paragraphs):
        if para.strip():
            carried_in, carrying = carrying, False
        i = 0
        while i < len(para):
            role, width = mark_at(para, i)
            at = pos + i
            # A straight " at a paragraph's start followed by a word opens a new quotation rather than closing one.
            first = i == len(para) - len(para.lstrip()) or (
                carried and SPACED_PARAGRAPHS and para[i] == '"' and _spaced_start(para, i))
            reopens = para[i] == '"' and first and para[i + 1:i + 2].isalnum()
            if (carried and NESTED_CURLY and open_at is not None and at > open_at and text[open_at] == '"'
                    and para[i] in "“”" and not (para[i] == "”" and _credited_after(para, i + 1))):
                inner = inner + 1 if para[i] == "“" else inner - 1  # a quotation inside the straight one
                if inner >= 0:
                    i += width
                    continue
                inner = 0  # a ” closing what no “ opened closes the straight quotation, as before
            if open_at is not None and at > open_at and role in ("close", "both") and not reopens:
                if carried and TRIPLE_CLOSE and para.startswith("'" * 3, i):
                    width = 3  # a single mark closing inside the double one
                quotes.append((open_at, at + width))
                open_at = None
                inner = 0
            elif open_at is None and (role in ("open", "both") or carried and _misturned(para, i, first)):
                open_at = at
            i += width
        if open_at is not None:
            nxt = paragraphs[n + 1].lstrip() if n + 1 < len(paragraphs) else ""
            if not nxt and PARAGRAPH_QUOTES and carried:
                later = next((p.lstrip() for p in paragraphs[n + 2:] if p.strip()), "")
                opened_inside = open_at > pos + len(para) - len(para.lstrip())  # after a speaker: said: "We …
                spoken = opened_inside or (CHAINED_PARAGRAPH_QUOTES and carried_in)  # a speaker's turn goes on
                if not opened_inside and LED_PARAGRAPH_QUOTES:  # or after a lead-in paragraph: "The Times reports:"
                    opened_inside = _led_in(paragraphs, n)
                if not opened_inside and CHAINED_PARAGRAPH_QUOTES:  # or it goes on with a speaker's quotation
                    opened_inside = carried_in
                ends = para.rstrip()
                if NESTED_CURLY and text[open_at] == '"' and ends.endswith("”"):
                    ends = ends[:-1]  # '… a doctor had typed “homicidal ideation.”': the inner quotation ends it
                if later and mark_at(later, 0)[0] in ("open", "both") and ends[-1:] in _ENDS and opened_inside:
                    quotes.append((open_at, pos + len(para.rstrip())))  # a quotation the next paragraph carries on
                    carrying = spoken  # not a quoted document's paragraphs, which may hold reports of their own
            if not nxt or mark_at(nxt, 0)[0] not in ("open", "both"):
                if (carried and UNCLOSED_AFTER_QUOTE and not carrying and open_at > pos
                        and quotes and quotes[-1][0] >= pos and para.rstrip()[-1:] in _ENDS
                        and not _opens_later(paragraphs, n)):
                    quotes.append((open_at, pos + len(para.rstrip())))  # “…,” says Perlman. “And I think … presidency.
                open_at = None
                inner = 0
        pos += len(para) + 1
    return sorted(quotes + _single_quotes(text, quotes, carried)) if SINGLE_QUOTES else quotes


# Whether three ASCII marks closing a ''…'' quotation close a quotation nested in it as well (''The answer is not simply
# to yell, 'China bad, Muslims bad.' followed by the outer pair), so that no mark is left over (session 41, PolNeAR's
# NYT articles).
TRIPLE_CLOSE = True


# Whether a straight quote mark after a sentence's end and two or more spaces counts as opening a paragraph: scraped
# pages that run paragraphs together with double spaces (3 of the 1,683 FNC-1 training bodies) keep a quotation that
# goes on over "paragraphs" as print does (…access to.  "Some may think …"), and the mark that reopens it had been read
# as closing it, leaving every later quotation of the page paired the wrong way round (session 37).
SPACED_PARAGRAPHS = True


def _spaced_start(para: str, i: int) -> bool:
    """Whether ``para[:i]`` ends with a sentence's end (a closing quote mark may follow it) and two or more spaces."""
    j = i
    while j > 0 and para[j - 1] in " \t":
        j -= 1
    if i - j < 2 or j == 0:
        return False
    if para[j - 1] in "\"”’'" and j > 1:
        j -= 1
    return para[j - 1] in ".!?…"


def _misturned(para: str, i: int, first: bool) -> bool:
    """A closing mark typed where an opening one belongs: ” opening its paragraph before a word (”Mr. Trump is
    clueless …” ― Edwin G. Monroy), or right after a colon (one of them wrote:”I would …”, :data:`COLON_MISTURNED`),
    when it closes nothing, as some pages' typed-in quotes have it."""
    after_colon = COLON_MISTURNED and para[:i].rstrip(" ").endswith(":")
    return (first or after_colon) and para[i] == "”" and para[i + 1:i + 2].isalnum() and "”" in para[i + 1:]


# Whether ” right after a colon and before a word opens a quotation that a later ” closes: "one of them wrote:”I would
# have sex with my boyfriend … But I am afraid I’ll be judged.”" credited "I am afraid" to the author (session 57's
# audit).
COLON_MISTURNED = True


# Whether a quotation left open at the end of a paragraph, when the next paragraph (after a blank line) opens with a
# quote mark, counts up to the paragraph's end: the press's convention for a quotation that runs over paragraphs
# (said: "We have asked media outlets not to speculate …¶¶"We are not going to confirm …"), which PolNeAR annotates
# paragraph by paragraph. Only when the mark opens inside its paragraph, after the words that introduce it (a paragraph
# all quoted — a transcript's "PENCE: …" turns, a quoted document — keeps its speakers and attributions), and ends a
# sentence, so that a mark never closed mid-sentence stays a stray mark.
PARAGRAPH_QUOTES = True
_ENDS = ".!?…"


# Whether a paragraph all quoted and left open, after a paragraph whose quotation a speaker opened inside it ("… told
# local TV: "This type of thing …") was carried on into it, is carried on in turn when the next paragraph opens with a
# quote mark: the middle paragraph of one speaker's three (¶¶"Angry wives … the other woman.¶¶"People don't …") was
# read as no quotation at all (session 57's audit). A quoted document's paragraphs after a lead-in line are not chained:
# they hold reports of their own ("Melanie thought the whole thing was outrageous", PolNeAR dev).
CHAINED_PARAGRAPH_QUOTES = True


# Whether a quotation opened after another closed in the same paragraph, and never closed, runs to the paragraph's end
# when no later paragraph carries it on: "“We wanted to honor the president,” says Senator Doug Perlman. “And I think a
# pile of garbage is a fitting tribute.¶Absolutely hilarious!" credited the senator's "I think" to the author
# (session 57's audit).
UNCLOSED_AFTER_QUOTE = True


def _opens_later(paragraphs: list[str], n: int) -> bool:
    """Whether the next non-blank paragraph after ``paragraphs[n]`` opens with a quote mark."""
    for k in range(n + 1, len(paragraphs)):  # no copy of the rest: a long text's paragraphs are many
        later = paragraphs[k].lstrip()
        if later:
            return mark_at(later, 0)[0] in ("open", "both")
    return False


# Whether curly marks inside a quotation opened by a straight one are a quotation of their own ('"The question: “As you
# know, … President?” Forty-three, yes; forty-four, no."'), not its end (session 44's audit: "Caddell continued:" and a
# paragraph in straight marks quoting a poll's question gave no attribution; session 46).
NESTED_CURLY = True


_CREDIT_AFTER = re.compile(r"[\s,]*[A-Za-z][^!?“”\"\n]{0,80}?\s(?:said|says|told|added|wrote|stated)\b")


def _credited_after(para: str, i: int) -> bool:
    """Whether a speaker and a speech verb follow ``para[i:]`` ('…false,” Navarro County Judge H.M. Davenport said';
    not '“The Wall Street Journal” wrote'): the ” before them closes the straight quotation, however its marks were
    typed (:data:`NESTED_CURLY`)."""
    return _CREDIT_AFTER.match(para, i) is not None


# Whether a paragraph that opens with a quote mark left open at its end counts as a quotation the next paragraph carries
# on (PARAGRAPH_QUOTES) when the paragraph before it is a lead-in ending with a colon ("The New York Times reports:" ¶
# "In an illustration … or less. ¶ "Without this online network, … pause."): session 44's audit found the Times' two
# paragraphs credited to no one (session 46).
LED_PARAGRAPH_QUOTES = True


def _led_in(paragraphs: list[str], n: int) -> bool:
    """Whether the last non-blank paragraph before ``paragraphs[n]`` ends with a colon and holds no quote mark, and
    ``paragraphs[n]`` is no transcript's turn ("WALLACE: Let's start …" after "Partial transcript as follows:")."""
    if _SPEAKER_LABEL.match(paragraphs[n].lstrip()[1:]):
        return False
    before = next((p.strip() for p in reversed(paragraphs[:n]) if p.strip()), "")
    return before.endswith(":") and not any(mark_at(before, i)[0] for i in range(len(before)))


# Whether quotations in single marks count (‘We will win,’ he said; 'We will win,' he said), as British and wire
# copy writes them; see :func:`_single_quotes`.
SINGLE_QUOTES = True
_SINGLE_OR_BREAK = re.compile("[‘’'\n]")
_OPEN_AFTER = " \t([—–-"


def _single_quotes(text: str, double: list[tuple[int, int]], carried: bool = True) -> list[tuple[int, int]]:
    """Quotations in single quote marks outside the double-quoted ones (a quotation within a quotation is part of
    it), in one linear scan: an opening ‘ or ' after a space, a bracket, a dash or the paragraph's start, before a
    letter or digit; the first closing ’ or ' after it that follows a character that is no space and comes before
    no letter or digit (so "don't", "it’s" and "the ’90s" neither open nor close one), in the same paragraph. It
    counts when at least three words long and closed by punctuation inside the marks or just after them (‘We are
    hiring, not firing,’ she said) or by the paragraph's end (a caption's "Harvey said: 'Spiders need air to
    breathe'"), so that scare quotes ("his 'America First' doctrine") stay what they are."""
    out = []
    starts = [qs for qs, _ in double]  # sorted, the quotations not overlapping
    open_at: int | None = None
    n = len(text)
    para_start = 0
    for m in _SINGLE_OR_BREAK.finditer(text):  # the marks and line breaks only: the scan is over them, not every character
        i, ch = m.start(), m.group()
        if ch == "\n":
            if open_at is not None and carried and PARAGRAPH_SINGLE_QUOTES:
                end = _carried_single(text, para_start, open_at, i)
                k = bisect.bisect_right(starts, end) - 1
                if end and not (k >= 0 and double[k][1] > open_at):
                    out.append((open_at, end))
            open_at = None
            para_start = i + 1
            continue
        before = text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < n else ""
        if open_at is None:
            if ch != "’" and (before in _OPEN_AFTER or before == "\n") and after.isalnum():
                open_at = i
            continue
        if ch != "‘" and not before.isspace() and not after.isalnum():
            inner = text[open_at + 1:i].rstrip()
            k = bisect.bisect_right(starts, i) - 1  # the last double quotation opening before the mark
            if len(inner.split()) >= 3 and (inner[-1:] in ",.?!;:—" or after in (",", ".") or (
                    carried and after in ("\n", ""))) and not (
                    k >= 0 and double[k][1] > open_at):
                out.append((open_at, i + 1))
            open_at = None
    return out


# Whether a quotation in single marks left open at the end of its paragraph counts up to that end when the next
# paragraph opens with a single mark: the press's convention for a quotation that runs over paragraphs, as
# PARAGRAPH_QUOTES reads it for double marks (Gemma Prosser, 19, added: 'We heard … a bit weird.¶¶'When you think
# about it, …'; session 42's audit: the words were reported speech, and their "we" the author's). Only when the mark
# opens inside its paragraph, after the words that introduce it, the paragraph ends a sentence and the quotation is
# at least three words long.
PARAGRAPH_SINGLE_QUOTES = True


def _carried_single(text: str, para_start: int, open_at: int, stop: int) -> int:
    """The end of the quotation in single marks opened at ``open_at`` and left open at its paragraph's end ``stop``
    (:data:`PARAGRAPH_SINGLE_QUOTES`), or 0 when it does not count."""
    para = text[para_start:stop].rstrip()
    end = para_start + len(para)
    if para[-1:] not in _ENDS or open_at <= para_start + len(para) - len(para.lstrip()):
        return 0
    if len(text[open_at + 1:end].split()) < 3:
        return 0
    j = stop
    while j < len(text) and text[j].isspace():
        j += 1
    nxt = text[j:j + 2]
    return end if nxt[:1] in "‘'" and nxt[1:2].isalnum() else 0


# Whether prose that a paragraph ending in "said:", "wrote in a statement:" or "the letter reads:" introduces counts
# as a quotation without marks, as the press sets a block quotation off: Comcast's Jason Livingood wrote in today's
# post:¶¶Comcast is not asking customers to stop using Tor … We have no policy against Tor.¶¶… Where a block
# quotation ends is not marked; see :func:`block_quotes` for how far one is read.
BLOCK_QUOTES = True
# The lead-in: a reporting verb near the colon that ends its paragraph, after at most a few words ("said in a
# statement:", "wrote on Facebook on Monday:", "posted this:"); "a statement from ESPN:", "the letter reads:", "the
# article begins:" and "His response:" too; an outlet's "reported:" and a participle's "…, saying:" since session 42.
_LEAD_IN = re.compile(
    r"(?:\b(?:said|says|say|writes|wrote|write|added|adds|posted|posts|stated|states|explained|explains"
    r"|continued|continues|concluded|concludes|announced|announces|declared|declares|noted|notes|insisted|insists"
    r"|warned|warns|claimed|claims|reports|reported|saying|stating|adding|writing|explaining|noting)(?:\s+(?:in|on|at|to|from|via|about|during|after|before|this|these|the\s+following"
    r"|last|earlier|later|today|yesterday|recently|simply|also|then|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b(?:\s+[\w’'.-]+){0,5})?"
    r"|\btold\s+(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+"
    r"|\b(?:statement|post|message|letter|note)\s+(?:from|by|of)\s+[^.!?:]{1,60}"
    r"|\b(?:reads|read|begins|began|opens)"
    r"|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:\w+\s+)?(?:response|reaction|reply|answer)"
    r")\s*:$")
# Lead-ins that show rather than quote ("tweeted this picture:", "read more here:", "an example of a video posted by
# the account:"), or credit a post to someone the sentence does not make its speaker ("posted by").
_NOT_SPOKEN = re.compile(
    r"\b(?:picture|pictures|photo|photos|image|images|video|videos|footage|link|links|posted by)\b", re.I)
_NOT_SPOKEN_AFTER = re.compile(r"\b(?:here|below|more)\b", re.I)  # after the verb: "Here's what he said:" quotes
# A transcript's turn ("Van Susteren: Hold on."): the turn's speaker, not the lead-in's, says it.
_SPEAKER_LABEL = re.compile(r"^[A-Z][\w.’' -]{0,30}:\s")
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]\w+|we|We|we['’]\w+|We['’]\w+|our|Our|us|my|My|me|ours)\b")
_BLOCK_ENDS = ".!?…”\"’'"
_BLOCK_PARAGRAPHS = 8
_NOT_NAMES = frozenset({"The", "A", "An", "In", ""})
_POSSESSIVE = re.compile(r"['’]s?$")  # "Comcast’s" → "Comcast"


def block_quotes(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Block quotations (:data:`BLOCK_QUOTES`) as (lead-in colon, start, end): the offset of the colon that
    introduces the block, and the block from its first paragraph's first character to its last paragraph's last;
    ``quoted`` are the quotations in marks (:func:`find_quotes`), which no block overlaps. Only the report reads
    them (the attribution analyzer's direct quotes and first-person sources); the trained taggers' features do not.

    A block opens with the paragraph after a lead-in paragraph whose last sentence ends with a reporting verb (and
    a few words) and a colon, when that paragraph opens with no quote mark (a marked one is a quotation already),
    holds at least five words, ends a sentence, and overlaps no quotation; not after "tweeted this picture:",
    "read more here:" and the like. The words between the verb and the colon open with a preposition, a day or
    "this" / "the following" ("said in a statement:", "posted this:"), not an object ("added specifics about his
    condition:" introduces an embed the text has lost). "tweeted:" is no lead-in: a scraped page often lacks the
    embedded tweet, so the next paragraph is the journalist's (a tweet that is there has its credit line, which the
    attribution analyzer reads). A transcript's turns ("Hunter: Yes.") are no block quotation.

    A block goes on (up to :data:`_BLOCK_PARAGRAPHS` paragraphs) while the speaker keeps speaking in the first
    person: a next paragraph belongs to it when it says "I", "we", "our" … (or introduces a list, "Here are the
    facts:", before one that does), names none of the lead-in's capitalised words before the verb (the journalist's
    "Livingood concluded: …" ends it), opens with no quote mark and ends a sentence."""
    out: list[tuple[int, int, int]] = []
    if not BLOCK_QUOTES or ":" not in text:
        return out
    starts = [qs for qs, _ in quoted]
    paras: list[tuple[int, str]] = []  # (offset, stripped text) of the non-empty paragraphs
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            paras.append((pos + len(para) - len(para.lstrip()), para.strip()))
        pos += len(para) + 1

    def free(start: int, stripped: str) -> bool:  # no quotation mark opens it, none overlaps it
        end = start + len(stripped)
        k = bisect.bisect_left(starts, end) - 1
        return mark_at(stripped, 0)[0] not in ("open", "both") and not (k >= 0 and quoted[k][1] > start)

    i = 0
    while i < len(paras) - 1:
        last = re.split(r"(?<=[.!?])\s+", paras[i][1])[-1]
        m = _LEAD_IN.search(last)
        start, first = paras[i + 1]
        shows = m is None or _NOT_SPOKEN.search(last) or _NOT_SPOKEN_AFTER.search(last[m.start():])
        if shows or not (free(start, first) and not _SPEAKER_LABEL.match(first) and len(first.split()) >= 5
                         and first[-1] in _BLOCK_ENDS and first[0] not in "—–-@#(["):
            i += 1
            continue
        names = {_POSSESSIVE.sub("", w) for w in re.findall(r"\b[A-Z][\w’'-]+", last[:m.start()])} - _NOT_NAMES
        named = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b") if names else None
        end = start + len(first)
        j = i + 2
        while j < len(paras) and j - i <= _BLOCK_PARAGRAPHS:
            at, para = paras[j]
            lists = para[-1] == ":" and j + 1 < len(paras) and _FIRST_PERSON.search(paras[j + 1][1])
            if not ((_FIRST_PERSON.search(para) or lists) and free(at, para) and para[-1] in _BLOCK_ENDS + ":"
                    and not _SPEAKER_LABEL.match(para)
                    and not (named and named.search(para))):
                break
            end = at + len(para)
            j += 1
        out.append((paras[i][0] + len(paras[i][1]) - 1, start, end))
        i = j
    return out


def in_document(doc: "Document") -> list[tuple[int, int]]:
    """:func:`find_quotes` of a document's body, computed once and kept on its parse."""
    cached = doc.body.user_data.get("onrecord.quotes")
    if cached is None:
        cached = doc.body.user_data["onrecord.quotes"] = find_quotes(doc.body_text)
    return cached


def containing(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The quotation of ``spans`` (sorted, as :func:`find_quotes` gives them) that holds offset ``at``, or None."""
    k = bisect.bisect_right(spans, (at, sys.maxsize)) - 1
    return spans[k] if k >= 0 and spans[k][0] <= at < spans[k][1] else None
