"""Learn which first names news text refers to as "he" and which as "she" (artifact ``genders``).

Pronoun resolution (:mod:`onrecord.names`) takes the nearest earlier person for "he" or "she"; without knowing
who is a woman it credited "she said" to Barack Obama. This learns a first-name table from the training
corpora themselves, with no name list from outside:

* every body is parsed by onrecord's own pipeline (the same entities as at run time);
* a sentence that mentions exactly one person (by surname), whose first name the body gives ("Hillary Clinton"
  somewhere, "Clinton" here), votes for that first name when only one gender's pronouns follow the mention in
  the sentence, or in the next sentence if that one names no person; a gendered title before any mention
  ("Mrs."; "Sen." does not count) votes too;
* a body gives each first name one vote, its majority; a first name with at least :data:`MIN_BODIES` votes of
  which at least :data:`MIN_SHARE` agree is kept, when the votes come from two people or more (or from at least
  :data:`MIN_BODIES_ONE_PERSON` bodies).

Data (``--data``, the shared ``data/`` folder): ``polnear/train/text/*.txt`` and ``fnc1/train_bodies.csv``
(training texts only; PolNeAR dev is not read). The table is checked against the hand-labelled pronoun sources
of ``benchmarks/eval_pronouns.py`` (PolNeAR and FNC-1 train articles), not against itself.

    python -m onrecord.training.genders --data ../shared/data
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .. import models
from ..errors import InputError
from . import command_line

MIN_BODIES = 2    # bodies that must vote for a first name
MIN_SHARE = 0.8   # share of those votes that must agree
# ... from at least this many people (surnames), unless one person's bodies are this many: FNC-1 holds about 30
# bodies a story, so one woman's story made the surname-first Chinese "Liu" a woman's first name.
MIN_PEOPLE = 2
MIN_BODIES_ONE_PERSON = 10
ARTIFACT = "name_genders.json"


def texts(data: Path) -> list[str]:
    """The training bodies: PolNeAR train articles and FNC-1 train bodies, in a fixed order."""
    pol = data / "polnear" / "train" / "text"
    bodies = data / "fnc1" / "train_bodies.csv"
    if not pol.is_dir() and not bodies.exists():
        raise InputError(f"{data}: neither polnear/train/text nor fnc1/train_bodies.csv (give the shared data/ folder)")
    out = [p.read_text(encoding="utf-8") for p in sorted(pol.glob("*.txt"))] if pol.is_dir() else []
    if bodies.exists():
        csv.field_size_limit(sys.maxsize)
        with bodies.open(encoding="utf-8", newline="") as fh:
            out += [r["articleBody"] for r in csv.DictReader(fh)]
    return out


def _person_words(ent: Any) -> list[str]:
    from ..names import _words

    return [w for w in _words(ent.text) if w.isalpha()]


def votes(docs: Iterable[Any]) -> Iterator[dict[str, tuple[str, str]]]:
    """Per parsed body, its vote for each first name it gives evidence on: {first name: ("m" | "f", surname)},
    the majority of :func:`onrecord.names.title_votes` and :func:`~onrecord.names.pronoun_votes` over the body's
    persons keyed by first name (a surname the body gives two first names, "Bill" and "Hillary" Clinton, is
    skipped)."""
    from ..names import is_name, pronoun_votes, title_votes
    from ..quotes import find_quotes

    for doc in docs:
        persons = [e for e in doc.ents if e.label_ == "PERSON" and is_name(e)]
        firsts: dict[str, set[str]] = defaultdict(set)  # surname → first names the body gives it
        for e in persons:
            words = _person_words(e)
            if len(words) >= 2 and len(words[0]) > 1:
                firsts[words[-1]].add(words[0])
        surname = {next(iter(f)): s for s, f in firsts.items() if len(f) == 1}

        def first_name(e: Any) -> str | None:
            words = _person_words(e)
            given = firsts.get(words[-1], set()) if words else set()
            return next(iter(given)) if len(given) == 1 else None

        tally = title_votes(persons, first_name)
        for first, c in pronoun_votes(doc, persons, first_name, find_quotes(doc.text, carried=False), next_sentence=True).items():
            tally[first].update(c)
        yield {first: (c.most_common(1)[0][0], surname.get(first, ""))
               for first, c in tally.items()
               if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]}


def table(body_votes: Iterable[dict[str, tuple[str, str]]]) -> dict[str, dict[str, int]]:
    """{first name: {"m": bodies, "f": bodies, "people": distinct surnames}} over all bodies, sorted by name."""
    counts: dict[str, Counter] = defaultdict(Counter)
    people: dict[str, set[str]] = defaultdict(set)
    for v in body_votes:
        for first, (g, surname) in v.items():
            counts[first][g] += 1
            people[first].add(surname)
    return {name: {"m": c["m"], "f": c["f"], "people": len(people[name])} for name, c in sorted(counts.items())}


def decide(counts: dict[str, dict[str, int]]) -> dict[str, str]:
    """The first names kept, with their gender (see the module docstring)."""
    out = {}
    for name, c in counts.items():
        n = c["m"] + c["f"]
        if n >= MIN_BODIES and (c["people"] >= MIN_PEOPLE or n >= MIN_BODIES_ONE_PERSON):
            g = "m" if c["m"] >= c["f"] else "f"
            if c[g] / n >= MIN_SHARE:
                out[name] = g
    return out


def train(data: Path, seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Rebuild ``artifacts/name_genders.json`` (deterministic; ``seed`` is unused)."""
    from ..atomic import write_text
    from ..nlp import get_nlp

    t0 = time.perf_counter()
    bodies = texts(data)
    if progress:
        print(f"[genders] parsing {len(bodies)} training bodies", file=sys.stderr)
    docs = get_nlp().pipe((b[:100_000] for b in bodies), batch_size=32)
    counts = table(votes(docs))
    kept = decide(counts)
    path = models.ARTIFACTS / ARTIFACT
    settings = {"min_bodies": MIN_BODIES, "min_share": MIN_SHARE, "min_people": MIN_PEOPLE,
                "min_bodies_one_person": MIN_BODIES_ONE_PERSON}
    write_text(path, json.dumps({"names": kept, "counts": counts, **settings}, sort_keys=True,
                                separators=(",", ":")) + "\n")
    models.record_artifact("genders", path, bodies=len(bodies), names=len(kept))
    result = {"bodies": len(bodies), "first_names_seen": len(counts), "kept": len(kept),
              "kept_female": sum(g == "f" for g in kept.values()), "kept_male": sum(g == "m" for g in kept.values()),
              "train_seconds": round(time.perf_counter() - t0, 1), "bytes": path.stat().st_size}
    if progress:
        print(json.dumps(result, indent=2))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    command_line("genders", __doc__, train, data_help="the shared data/ folder (polnear/train, fnc1)", argv=argv)


if __name__ == "__main__":
    main()
