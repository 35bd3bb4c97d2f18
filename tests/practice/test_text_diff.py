"""Two versions of a text compared as an editor reads them: changed lines, with the words
that changed marked inside them, and long unchanged stretches left out."""

from practice.text_diff import DiffLine, line_diff


def marked(lines):
    """Each line as its sign and its text, with changed words in [brackets]."""
    signs = {"removed": "-", "added": "+", "unchanged": " "}
    return [
        "…"
        if line is None
        else signs[line.change]
        + "".join(f"[{text}]" if changed else text for text, changed in line.parts)
        for line in lines
    ]


def test_a_changed_line_marks_the_words_that_changed():
    lines = line_diff(
        "Breathe before you answer your partner.",
        "Breathe deeply before you reply to your partner.",
    )

    assert marked(lines) == [
        "-Breathe before you [answer] your partner.",
        "+Breathe[ deeply] before you [reply to] your partner.",
    ]


def test_a_rewritten_line_is_shown_removed_and_added_whole():
    assert marked(line_diff("Draft", "Published")) == ["-[Draft]", "+[Published]"]


def test_added_and_removed_lines_keep_their_place_among_unchanged_ones():
    lines = line_diff("# Fees\n\n$160.\nCash.", "# Fees\n\n$160.\nCards too.\nCash.")

    # A gap would hide just "# Fees" and take as much room: the line is shown instead.
    assert marked(lines) == [" # Fees", " ", " $160.", "+[Cards too.]", " Cash."]


def test_long_unchanged_stretches_are_left_out_around_the_change():
    old = "\n".join(f"Line {number}." for number in range(1, 21))
    new = old.replace("Line 10.", "Line ten.")

    assert marked(line_diff(old, new)) == [
        "…",
        " Line 8.",
        " Line 9.",
        "-Line [10].",
        "+Line [ten].",
        " Line 11.",
        " Line 12.",
        "…",
    ]


def test_a_value_set_for_the_first_time_is_one_added_line():
    assert line_diff("", "A calm room.") == [DiffLine("added", (("A calm room.", True),))]


def test_an_emptied_line_has_nothing_to_mark():
    assert line_diff("Before.\n\nAfter.", "Before.\nAfter.") == [
        DiffLine("unchanged", (("Before.", False),)),
        DiffLine("removed", ()),
        DiffLine("unchanged", (("After.", False),)),
    ]
