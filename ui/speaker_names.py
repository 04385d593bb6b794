"""The registry's speaker names and aliases, for what a mention names: read once, read again after a change."""

from __future__ import annotations

from db.store import Store


class SpeakerNames:
    """Canonical speakers by the casefolded name or alias a mention may use, read from the Store when first asked."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._aliases: dict[str, str] | None = None

    def guess(self, text: str) -> str | None:
        """The canonical speaker ``text`` names, where the registry knows the name or an alias exactly."""
        if self._aliases is None:
            self._aliases = {}
            for speaker in self.store.speakers():
                for name in (speaker.name, *speaker.aliases):
                    self._aliases.setdefault(name.casefold(), speaker.name)
        return self._aliases.get(text.strip().casefold())

    def forget(self) -> None:
        """Read the registry again at the next guess (a speaker was named or renamed)."""
        self._aliases = None
