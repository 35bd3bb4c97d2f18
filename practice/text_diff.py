"""What changed between two texts, as an editor reads it: line by line, with the words that
changed marked inside each changed line, and long unchanged stretches left out.

A Markdown paragraph is one line, so marking only whole lines would hide a one-word change
in a long paragraph; marking words alone would lose the shape of the text.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Unchanged lines shown around each change, so that it can be found in the text.
CONTEXT_LINES = 2
# Two lines with less than this share of their words in common are shown as one removed
# and one added, whole: marking nearly every word of them would only be noise.
SIMILAR_LINES = 0.5
# A word, a run of white space, or a single other character (Markdown's `*`, `#`, `(`).
TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class DiffLine:
    change: str  # "removed", "added" or "unchanged"
    parts: tuple  # (text, whether that text changed), in order


def line_diff(old, new):
    """The lines of the change from `old` to `new`, each a DiffLine; None stands for
    unchanged lines left out."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines = []
    shown_up_to = 0  # in old_lines
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        lines += left_out(old_lines[shown_up_to : group[0][1]])
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines += [unchanged(text) for text in old_lines[old_start:old_end]]
            else:
                lines += changed_lines(old_lines[old_start:old_end], new_lines[new_start:new_end])
        shown_up_to = group[-1][2]
    return lines + left_out(old_lines[shown_up_to:])


def left_out(unchanged_lines):
    """A stretch of unchanged lines between changes, as a gap; a single line is shown, as it
    takes no more room than the gap."""
    if len(unchanged_lines) == 1:
        return [unchanged(unchanged_lines[0])]
    return [None] if unchanged_lines else []


def unchanged(text):
    return DiffLine("unchanged", ((text, False),))


def changed_lines(removed, added):
    """Removed and added lines, each removed one followed by the added one that replaced it."""
    lines = []
    for before, after in zip(removed, added, strict=False):
        lines += changed_pair(before, after)
    lines += [whole("removed", text) for text in removed[len(added) :]]
    lines += [whole("added", text) for text in added[len(removed) :]]
    return lines


def whole(change, text):
    """A line removed or added as a whole: all of its text changed (an empty line, none)."""
    return DiffLine(change, ((text, True),) if text else ())


def changed_pair(before, after):
    old_words, new_words = TOKEN.findall(before), TOKEN.findall(after)
    matcher = SequenceMatcher(None, old_words, new_words, autojunk=False)
    if matcher.ratio() < SIMILAR_LINES:
        return [whole("removed", before), whole("added", after)]
    removed, added = [], []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        changed = tag != "equal"
        add_part(removed, "".join(old_words[old_start:old_end]), changed)
        add_part(added, "".join(new_words[new_start:new_end]), changed)
    return [DiffLine("removed", tuple(removed)), DiffLine("added", tuple(added))]


def add_part(parts, text, changed):
    """Append text to a line's parts, joined to the last part when it changed alike."""
    if not text:
        return
    if parts and parts[-1][1] == changed:
        parts[-1] = (parts[-1][0] + text, changed)
    else:
        parts.append((text, changed))
