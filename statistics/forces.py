"""Police forces however a publisher writes them: "Avon & Somerset", "AVON AND SOMERSET
CONSTABULARY", "London, City of", "E23000038" (the ONS police force area code), the
data.police.uk id, the slug, or an alias editors keep in the admin (`ForceAlias`).

Names are compared in a normalised form (`normalise_force_name`). A name that matches no
force, or that names several ("Beds Cambs Herts"), is never guessed at: `resolve` answers
with suggestions instead, and remembers its answer for each distinct name, so a file that
repeats a misspelling forty thousand times costs one lookup of suggestions, not forty
thousand.
"""

import difflib
import re
from dataclasses import dataclass

from .models import ForceAlias, PoliceForce

_SUFFIXES = (" police service", " police force", " constabulary", " police")
_PUNCTUATION = re.compile(r"[^\w\s]")
_CACHE_LIMIT = 10_000


def normalise_force_name(text) -> str:
    """Lower case, "&" read as "and", hyphens, underscores and punctuation as spaces,
    "London, City of" as "City of London", and a trailing "Police", "Constabulary",
    "Police Service" or "Police Force" dropped."""
    text = " ".join(str(text).replace("\u00a0", " ").split()).lower()
    if ", " in text:  # "London, City of" → "City of London"
        head, _, tail = text.partition(", ")
        if tail.endswith(" of") or tail in {"the", "city of"}:
            text = f"{tail} {head}"
    text = text.replace("&", " and ").replace("_", " ").replace("-", " ")
    text = " ".join(_PUNCTUATION.sub(" ", text).split())
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.removeprefix("the ")


@dataclass(frozen=True)
class Resolved:
    """A force, or None with the reason and the forces it might have meant."""

    force: PoliceForce | None
    ambiguous: tuple[str, ...] = ()

    @property
    def problem(self) -> str:
        return "ambiguous police force" if self.ambiguous else "unknown police force"


class ForceNames:
    """Every way of writing each force, normalised, to the force; one instance per import."""

    def __init__(self, *, exclude_alias: int | None = None):
        self.forces = list(PoliceForce.objects.all())
        self.by_key: dict[str, set[PoliceForce]] = {}
        for force in self.forces:
            for text in (force.name, force.short_name, force.slug, force.ons_code):
                self._add(text, force)
            if force.police_uk_id:
                self._add(force.police_uk_id, force)
        by_pk = {force.pk: force for force in self.forces}
        aliases = ForceAlias.objects.exclude(pk=exclude_alias).values_list("text", "force_id")
        for text, force_id in aliases:
            self._add(text, by_pk[force_id])
        self._resolved: dict[str, Resolved] = {}
        self._suggestions: dict[str, str] = {}

    def _add(self, text, force):
        if text:
            self.by_key.setdefault(normalise_force_name(text), set()).add(force)

    def resolve(self, text) -> Resolved:
        """The force `text` names, remembered by the text as written: files repeat names."""
        found = self._resolved.get(text)
        if found is None:
            found = self._resolve(normalise_force_name(text))
            if len(self._resolved) < _CACHE_LIMIT:
                self._resolved[text] = found
        return found

    def _resolve(self, key) -> Resolved:
        forces = self.by_key.get(key, set())
        if len(forces) == 1:
            return Resolved(next(iter(forces)))
        if len(forces) > 1:
            return Resolved(None, tuple(sorted(f.name for f in forces)))
        named = self._named_within(key)
        if len(named) > 1:
            return Resolved(None, tuple(sorted(f.name for f in named)))
        return Resolved(None)

    def _named_within(self, key) -> set[PoliceForce]:
        """The forces named whole inside `key`: "beds cambs herts" names three."""
        words = key.split()
        found = set()
        for start in range(len(words)):
            for end in range(start + 1, min(start + 5, len(words) + 1)):
                forces = self.by_key.get(" ".join(words[start:end]), ())
                if len(forces) == 1 and end - start < len(words):
                    found |= forces
        return found

    def suggest(self, text) -> str:
        """ " Did you mean …?" for an unknown name (computed once per distinct name)."""
        key = normalise_force_name(text)
        if key not in self._suggestions:
            resolved = self.resolve(text)
            if resolved.ambiguous:
                names = resolved.ambiguous
            else:
                close = difflib.get_close_matches(key, self.by_key, n=8, cutoff=0.6)
                names = list(
                    dict.fromkeys(
                        f.name for name in close for f in sorted(self.by_key[name], key=str)
                    )
                )[:3]
                names += [f.name for f in self._named_within(key) if f.name not in names]
            self._suggestions[key] = (
                f" Did you mean {' or '.join(f'“{name}”' for name in names)}?" if names else ""
            )
        return self._suggestions[key]

    def describe_problem(self, text) -> str:
        """The sentence a report gives for a name that is not exactly one force."""
        resolved = self.resolve(text)
        shown = str(text).strip()
        if resolved.ambiguous:
            names = ", ".join(f"“{name}”" for name in resolved.ambiguous)
            return (
                f"“{shown}” names more than one police force ({names}): "
                "give each force's figure a row of its own."
            )
        return (
            f"Unknown police force “{shown}”.{self.suggest(text)} "
            "(Editors can add another way of writing a force under Statistics › Force aliases.)"
        )
