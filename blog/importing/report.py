"""What an import did, item by item: the command prints it and the admin shows it."""

from dataclasses import asdict, dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "skipped")


@dataclass
class Entry:
    outcome: str  # one of OUTCOMES
    title: str
    notes: list[str] = field(default_factory=list)
    post_id: int | None = None  # the post saved, if any


@dataclass
class ImportReport:
    dry_run: bool = False
    entries: list[Entry] = field(default_factory=list)

    def add(self, outcome, title, notes=(), post=None):
        # A dry run saves nothing: the ids its posts had are no post's once it is over.
        post_id = post.pk if post is not None and not self.dry_run else None
        self.entries.append(Entry(outcome, title, list(notes), post_id))

    def of(self, outcome):
        return [entry for entry in self.entries if entry.outcome == outcome]

    def counts(self):
        """How many entries each outcome has: "3 created, 0 updated, 0 unchanged, 1 skipped"."""
        return ", ".join(f"{len(self.of(outcome))} {outcome}" for outcome in OUTCOMES)

    def as_data(self):
        """The entries as JSON can keep them (BlogImport)."""
        return [asdict(entry) for entry in self.entries]

    @classmethod
    def from_data(cls, entries):
        """The report whose entries as_data() gave, as a BlogImport keeps them."""
        return cls(entries=[Entry(**entry) for entry in entries])

    def as_text(self):
        lines = ["Dry run: nothing was saved."] if self.dry_run else []
        for outcome in OUTCOMES:
            entries = self.of(outcome)
            if entries:
                lines.append(f"{outcome.capitalize()} ({len(entries)}):")
            for entry in entries:
                lines.append(f"  - {entry.title}")
                lines.extend(f"      {note}" for note in entry.notes)
        lines.append(f"Total: {self.counts()}.")
        return "\n".join(lines)
