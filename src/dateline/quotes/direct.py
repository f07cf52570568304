"""Direct and partial quotations: words inside quotation marks, with their cue and speaker.

For each quoted stretch the cue is looked for first up the dependency tree (the verb that
governs the quoted words: "thanked them for “…”", "“…,” he said"), then in the rest of the
sentence outside the marks: after the quote first, then before it. Quoted stretches that are not
anybody's words — scare quotes (a “new Afghanistan”) and names in quotation marks (the
“Syrian People's Congress”) — are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from dateline.nlp.doctext import doc_text
from dateline.nlp.labels import NOMINAL_SUBJECT_DEPS
from dateline.quotes.attribution import inside, is_cue, is_cue_verb, speaker_head, tokens_between
from dateline.quotes.marks import (
    Quoted,
    find_quoted,
    normalize_marks,
    paragraph_bounds,
)
from dateline.quotes.speakers import Speaker, SpeakerResolver

SENTENCE_END = ".!?"
CLOSING_MARKS = "”’\"'»“"
# Words abbreviated with a full stop that does not end the sentence ("said Rep. Scott").
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt",
    "st", "jr", "sr", "rev", "del", "ave", "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb",
    "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k",
})  # fmt: skip
# Small words that stay lower-case in a Title Cased name.
TITLE_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "de", "for", "in", "of", "on", "or", "the", "to", "’s", "'s"}
)  # fmt: skip
# A cue this many tokens or fewer from the marks is attached to the quote ("“…,” he said").
ADJACENT_TOKENS = 6
# Partial quotes this short are statements only when a cue verb governs them.
SCARE_QUOTE_WORDS = 3
# Partial quotes this short must hang this close to their cue: “…” directly under "called",
# or under a preposition of it ("thanked them *for* “…”").
CLOSE_GOVERNOR_STEPS = 2
SCARE_PREFIXES = frozenset({"so-called", "called", "self-styled", "supposed", "alleged"})


@dataclass(frozen=True)
class Found:
    """A quote found in one article string, before ids are given out."""

    start: int
    end: int
    kind: str
    paragraph: int
    cue: str | None = None
    speaker: Speaker | None = None
    # True when the quote opens its paragraph (conversational context may attribute it).
    opens_paragraph: bool = False
    continued: bool = False
    # The article string the speaker's words are in when it is not the quote's own (a
    # headline quote attributed from the body: "text"); the speaker's offsets are into it.
    speaker_field: str | None = None


def direct_quotes(
    text: str, doc: Doc, resolver: SpeakerResolver, strict: bool = True
) -> list[Found]:
    """Every quoted statement in ``text`` (the Doc's text), attributed where a cue says whose.

    With ``strict`` off, short or title-cased quotes with no cue are kept for the caller to
    attribute some other way (headlines quote the body in few words).
    """
    text = normalize_marks(text)
    quoted = find_quoted(text)
    outer = [(q.open_mark, q.outer_end) for q in quoted]
    paragraphs = paragraph_bounds(text)
    found: list[Found] = []
    for index, quote in enumerate(quoted):
        previous = quoted[index - 1] if index > 0 else None
        following = quoted[index + 1] if index + 1 < len(quoted) else None
        p_start, p_end = paragraphs[quote.paragraph]
        before_start = _frame_start(text, quote, previous, p_start)
        after_end = _frame_end(text, quote, following, p_end)
        cue, adjacent, governs = _find_cue(
            doc, quote, outer, (before_start, after_end), (p_start, p_end)
        )
        if cue is None and quote.paragraph > 0 and not text[p_start : quote.open_mark].strip():
            cue = _introducing_verb(doc, text, paragraphs[quote.paragraph - 1])
            adjacent = cue is not None
        before_text = text[before_start : quote.open_mark].strip()
        kind = _kind(text, quote, before_text)
        if strict and not _is_statement(doc, quote, kind, cue, adjacent, governs):
            continue
        speaker = None
        if cue is not None:
            head = speaker_head(cue, outer)
            speaker = resolver.resolve(head) if head is not None else None
        found.append(
            Found(
                start=quote.start,
                end=quote.end,
                kind=kind,
                paragraph=quote.paragraph,
                cue=_cue_words(cue) if cue is not None else None,
                speaker=speaker,
                opens_paragraph=not text[p_start : quote.open_mark].strip(),
                continued=quote.continued,
            )
        )
    return found


def attribute_from_context(found: list[Found]) -> list[Found]:
    """Give unattributed direct quotes the speaker the conversation makes clear.

    A quote with no cue belongs to the speaker of another quote in its paragraph ("“A,” says
    X. “B.”"); a paragraph that opens with a quote and names nobody continues the speaker of
    the paragraph before it.
    """
    result = sorted(found, key=lambda quote: (quote.start, quote.end))
    for index, quote in enumerate(result):
        if quote.speaker is not None or quote.kind != "direct":
            continue
        same = [q for q in result if q.paragraph == quote.paragraph and q.speaker is not None]
        earlier = [q for q in same if q.start < quote.start]
        later = [q for q in same if q.start > quote.start and q.kind == "direct"]
        source = earlier[-1] if earlier else later[0] if later else None
        if source is None and quote.opens_paragraph:
            before = [q for q in result[:index] if q.paragraph == quote.paragraph - 1 and q.speaker]
            source = before[-1] if before else None
        if source is None and quote.continued:
            after = [q for q in result if q.paragraph == quote.paragraph + 1 and q.speaker]
            source = after[0] if after else None
        if source is not None:
            result[index] = replace(quote, speaker=source.speaker)
    return result


def _frame_start(text: str, quote: Quoted, previous: Quoted | None, p_start: int) -> int:
    """Start of the sentence part before the opening mark, after any earlier quote."""
    start = p_start
    if previous is not None and previous.paragraph == quote.paragraph:
        start = max(start, previous.outer_end)
    for i in range(quote.open_mark - 1, start - 1, -1):
        if _ends_sentence(text, i):
            return i + 1
    return start


def _frame_end(text: str, quote: Quoted, following: Quoted | None, p_end: int) -> int:
    """End of the sentence part after the closing mark, before any later quote."""
    end = p_end
    if following is not None and following.paragraph == quote.paragraph:
        end = min(end, following.open_mark)
    for i in range(quote.outer_end, end):
        if _ends_sentence(text, i):
            return i + 1
    return end


def _ends_sentence(text: str, i: int) -> bool:
    """Whether the character at ``i`` ends a sentence (not "Mr." or an initial)."""
    if text[i] not in SENTENCE_END:
        return False
    if i + 1 < len(text) and not text[i + 1].isspace() and text[i + 1] not in CLOSING_MARKS:
        return False
    if text[i] == ".":
        word = text[max(0, i - 6) : i].split()[-1:] or [""]
        last = word[0].lstrip("(\"“‘'").lower()
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            return False
    return True


def _find_cue(
    doc: Doc,
    quote: Quoted,
    outer: list[tuple[int, int]],
    frame: tuple[int, int],
    paragraph: tuple[int, int],
) -> tuple[Token | None, bool, bool]:
    """(cue, whether it is adjacent to the marks, whether it governs the quoted words).

    The parser sometimes hangs a quote on a verb in the next paragraph; a cue never crosses
    a paragraph break.
    """
    before_start, after_end = frame
    words = tokens_between(doc, quote.start, quote.end)
    if not words:
        return None, False, False
    first, last = words[0].i, words[-1].i
    for root in (t for t in words if t.head.i < first or t.head.i > last or t.head is t):
        for steps, ancestor in enumerate(root.ancestors, start=1):
            if not paragraph[0] <= ancestor.idx < paragraph[1]:
                break
            if is_cue(ancestor) and not inside(ancestor, outer):
                distance = min(abs(ancestor.i - first), abs(ancestor.i - last))
                close = steps <= CLOSE_GOVERNOR_STEPS or len(words) > SCARE_QUOTE_WORDS + 2
                return _reporting(ancestor, outer), distance <= ADJACENT_TOKENS + 2, close
        break  # only the first root: later ones belong to later sentences of the quote
    after = [
        t
        for t in tokens_between(doc, quote.outer_end, after_end)
        if is_cue(t) and not inside(t, outer)
    ]
    before = [
        t
        for t in tokens_between(doc, before_start, quote.open_mark)
        if is_cue(t) and not inside(t, outer)
    ]
    text = doc_text(doc)
    introduced = text[before_start : quote.open_mark].rstrip().endswith((",", ":"))
    if before and introduced and _ends_sentence(text, quote.end - 1):
        # Trump boasted, “That makes me smart.” The next sentence is not about this quote.
        return before[-1], first - before[-1].i <= ADJACENT_TOKENS + 2, False
    if after:
        return after[0], after[0].i - last <= ADJACENT_TOKENS + 2, False
    if before:
        return before[-1], first - before[-1].i <= ADJACENT_TOKENS + 2, False
    return None, False, False


def _reporting(cue: Token, outer: list[tuple[int, int]]) -> Token:
    """The outermost speech verb whose reported clause holds ``cue``.

    "Obama says the museum will *tell* of ‘suffering and delight’": the quoted words are
    Obama's, not the museum's. ("praised her for *saying* “…”" keeps its inner cue: the
    clause is not what the praiser said.)
    """
    while cue.dep_ == "ccomp" and is_cue_verb(cue.head) and not inside(cue.head, outer):
        cue = cue.head
    return cue


def _introducing_verb(doc: Doc, text: str, paragraph: tuple[int, int]) -> Token | None:
    """The verb of a paragraph that ends with a colon to introduce a quotation below it.

    "The governor added:" / "Caddell continued:" — any verb with a subject will do here, the
    colon and the paragraph break are the cue.
    """
    start, end = paragraph
    if not text[start:end].rstrip().endswith(":"):
        return None
    colon = doc.char_span(start, end, alignment_mode="expand")
    if colon is None or len(colon) == 0:
        return None
    root = colon[-1].sent.root
    if root.pos_ in ("VERB", "AUX") and any(c.dep_ in NOMINAL_SUBJECT_DEPS for c in root.children):
        return root
    return None


def _kind(text: str, quote: Quoted, before_text: str) -> str:
    """ "direct" for whole utterances, "partial" for words embedded in the writer's sentence."""
    words = text[quote.start : quote.end]
    if quote.continued or not before_text or before_text.endswith((":", ",")):
        return "direct"
    if words[-1] in ".,!?…" and words[0].isupper():
        return "direct"
    return "partial"


def _is_statement(
    doc: Doc, quote: Quoted, kind: str, cue: Token | None, adjacent: bool, governs: bool
) -> bool:
    """False for scare quotes, titles and names in quotation marks."""
    text = normalize_marks(doc_text(doc))
    words_text = text[quote.start : quote.end]
    words_tokens = tokens_between(doc, quote.start, quote.end)
    words = [w for w in words_text.split() if any(c.isalpha() for c in w)]
    if not words:
        return False
    if _title_cased(words_text, words):
        # A name or a title ("The Art of the Deal"), unless a cue right beside it makes a
        # short cry of it (“No,” he said; “Absolutely Not!”).
        verbless = not any(t.pos_ in ("VERB", "AUX") for t in words_tokens)
        if not adjacent or (verbless and len(words) >= 2):
            return False
    if kind == "partial":
        if cue is None:
            return False
        according = cue.lower_ == "according"
        if len(words) <= SCARE_QUOTE_WORDS and (
            not governs or according or _so_called(text, quote)
        ):
            return False
    elif cue is None and len(words) <= 2:
        return False
    return True


def _so_called(text: str, quote: Quoted) -> bool:
    """The writer's distancing: the so-called “peace dividend”."""
    before = text[max(0, quote.open_mark - 12) : quote.open_mark].lower().split()
    return bool(before) and before[-1] in SCARE_PREFIXES


def _title_cased(words_text: str, words: list[str]) -> bool:
    if words_text[-1] in ".,!?…" or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in TITLE_FUNCTION_WORDS]
    return bool(content) and all(w.lstrip("([")[:1].isupper() for w in content)


def _cue_words(cue: Token) -> str:
    """The cue as written, with the particles that belong to it ("according to", "told")."""
    if cue.lower_ == "according":
        return "according to"
    for child in cue.children:
        # "is ascribed as saying", "was quoted as saying"
        if child.dep_ == "prep" and child.lower_ == "as":
            verb = next((c for c in child.children if c.dep_ == "pcomp"), None)
            if verb is not None:
                return f"{cue.text} as {verb.text}"
    return cue.text
