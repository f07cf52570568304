"""Control characters: removed from article text at the boundary, escaped on the way out.

News text comes from the open web, so a page may carry terminal escape sequences (ESC, C1
controls such as CSI) that clear a screen, set a window title or write the clipboard (OSC 52)
when printed raw. Two defences:

* ``remove_control_chars`` runs on every text field of an article before analysis (decoded input,
  HTML character references, container metadata, JSON strings), so nothing stored or analysed
  holds one. It runs before paragraphs are joined into the body, so offsets into the body stay
  consistent;
* ``for_terminal`` escapes what is left (a database written by an older version, SQL results,
  file names) in everything printed for a person: ``\\x1b`` is shown as the four characters
  ``\\x1b``. ``one_line`` also escapes newlines and tabs, for error lines naming an input (a file
  name holding a newline must not forge a second log line).
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0 controls except tab and newline (carriage returns are normalised to newlines earlier),
# DEL, the C1 controls (U+0080-U+009F: 8-bit CSI, OSC, ... in some terminals), and lone
# surrogates, which only a JSON escape ("\\ud800") can bring in: no encoder writes them, so one
# in a title failed the whole article when its document was serialised.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Whole terminal escape sequences are dropped with their introducer, so no "[2J" residue stays in
# the text: CSI (ESC [ or 8-bit 0x9B, parameters, a final byte) and OSC (ESC ] or 0x9D, a bounded
# payload, BEL or ESC \\ as terminator).
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,8}[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]{0,1024}(?:\x07|\x1b\\|\x9c)"
)
# Form feed and vertical tab separate lines in old text files: they become newlines.
_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n"})
_CONTROL_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Numeric character references to controls, which lxml refuses (the whole page was lost) and
# which would otherwise bring the characters back after decoding.
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def remove_control_chars(text: str) -> str:
    """``text`` without control characters other than tab and newline."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text).translate(_LINE_BREAKS))


def clean_optional(text: str | None) -> str | None:
    return None if text is None else remove_control_chars(text)


def _is_unsafe_codepoint(code: int) -> bool:
    if code in (9, 10, 13):
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF


def remove_control_references(html: str) -> str:
    """Drop ``&#27;``-style references to control characters (and to no character at all)."""

    def replace(match: re.Match[str]) -> str:
        hex_digits, decimal = match.groups()
        code = int(hex_digits, 16) if hex_digits else int(decimal)
        return "" if _is_unsafe_codepoint(code) else match.group(0)

    if "&#" not in html:
        return html
    return _CHAR_REFERENCE.sub(replace, html)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{ord(char):02x}")


def for_terminal(text: object, one_line: bool = False) -> str:
    """``text`` fit for a terminal: control characters shown as ``\\x1b``-style escapes.

    Tabs and newlines are kept unless ``one_line``.
    """
    value = str(text)
    pattern = _CONTROL_IN_LINE if one_line else _CONTROL
    return pattern.sub(_escape, value)


def safe_write(stream: TextIO, text: str) -> None:
    """Write ``text`` to ``stream``, escaping control characters when it is a terminal."""
    stream.write(for_terminal(text) if _is_terminal(stream) else text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    return _is_terminal(sys.stdout)
