"""Text as people type and paste it: invisible characters that break feeds or pass for words.

A title pasted from a word processor can carry a vertical tab (Word's line break) or an
escape character. XML, and so every feed, refuses such control characters, and nobody
meant to type them: editors' fields drop them (`one_line`, `multiline`), while the
public booking form asks the person to type the text again (`has_control_characters`).
"""

import math
import re
import unicodedata

# What an adult reads of plain prose in a minute, for "5 min read" and the editor's count.
WORDS_READ_PER_MINUTE = 220

# Embedding, override and isolate marks: invisible, and able to make a name read
# backwards. Joiners (U+200C, U+200D) are not among them: some scripts need them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode's control characters (category Cc) are exactly C0, DEL and C1; its line and
# paragraph separators (Zl, Zp) exactly U+2028 and U+2029. As patterns, a whole article
# is tidied in one pass of the regular expression engine rather than a loop in Python.
# Characters that end a line: a multi-line field keeps them as a line break, a one-line
# field turns them into a space, so that "Word\vwith" still reads "Word with".
LINE_ENDING = re.compile("[\n\v\f\r\x85\u2028\u2029]")
LINE_ENDING_OR_TAB = re.compile("[\t\n\v\f\r\x85\u2028\u2029]")
# Once line endings are "\n" (or spaces), the control characters left to drop.
OTHER_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def is_control(char):
    """A C0 or C1 control character, or a line or paragraph separator."""
    return unicodedata.category(char) in {"Cc", "Zl", "Zp"}


def one_line(text):
    """The text without control characters: line endings and tabs become spaces."""
    if not text:
        return text
    return OTHER_CONTROLS.sub("", LINE_ENDING_OR_TAB.sub(" ", text)).strip()


def multiline(text):
    """The text with "\\n" line endings, tabs kept, and no other control characters."""
    if not text:
        return text
    return OTHER_CONTROLS.sub("", LINE_ENDING.sub("\n", text.replace("\r\n", "\n")))


def has_control_characters(text, allowed=frozenset()):
    """Whether the text holds a control character or bidirectional mark not in `allowed`."""
    return any(char not in allowed and (is_control(char) or char in BIDI_CONTROLS) for char in text)


def has_visible_text(text):
    """Whether the text shows anything: a letter, digit, punctuation mark or symbol.

    Spaces, a no-break space or a zero-width space alone describe nothing and name nobody.
    """
    return any(unicodedata.category(char)[0] in "LNPS" for char in text or "")


def word_count(text):
    """Words as the editor counts them while typing: runs of text between spaces."""
    return len((text or "").split())


def reading_minutes(text):
    return max(1, math.ceil(word_count(text) / WORDS_READ_PER_MINUTE))
