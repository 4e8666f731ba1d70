"""Check a content mend of the attribution analyzer (``attribution.WHAT_FRONTED`` by default) on PolNeAR train outside
the carve-out (the 733 articles the MiniLM taggers were fitted on; the mends were written from the carve-out's errors,
so these are their independent check).

    python benchmarks/explore_what_fronted.py --shared ../shared
    python benchmarks/explore_what_fronted.py --shared ../shared --switch FRONTED_INVERTED --step _fronted_content

The analyzer runs in this process; its step (a pass over the attributions, one out per one in) runs with the switch
off and on, and each attribution the switch changes is compared with the gold attribution of the same cue: a gain
where the new content is gold's exactly, a loss where the old one was. Prints the counts and every change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from onrecord.analyzers import attribution  # noqa: E402
from onrecord.evaluation import attribution as ea  # noqa: E402
from onrecord.training import cue_tagger  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--switch", default="WHAT_FRONTED")
    ap.add_argument("--step", default="_what_fronted")
    args = ap.parse_args()
    items = [i for i in ea.discover([args.shared / "data" / "polnear" / "train"])
             if i.gold_path is not None and not cue_tagger.in_validation(i.name)]
    changes: list[tuple[object, object]] = []  # the current article's
    inner = getattr(attribution, args.step)

    def logged(found, doc):  # noqa: ANN001, ANN202
        setattr(attribution, args.switch, False)
        before = inner(found, doc)
        setattr(attribution, args.switch, True)
        out = inner(found, doc)
        changes.extend((a, b) for a, b in zip(before, out) if a != b)
        return out

    setattr(attribution, args.step, logged)
    gains = losses = changed = 0
    for it in items:
        changes.clear()
        next(ea.predict([it], progress=False))
        changed += len(changes)
        text = it.text
        gold = {ea._normalize(g.cue, text): ea._normalize(g.content, text) for g in ea.read_gold(it)}
        for old, new in changes:
            want = gold.get(ea._normalize(ea.to_brat(new, text).cue, text))
            was = ea._normalize(ea.to_brat(old, text).content, text)
            now = ea._normalize(ea.to_brat(new, text).content, text)
            gains += now == want
            losses += was == want
            print(f"{it.name}: {'gain' if now == want else 'loss' if was == want else 'neither'} | "
                  f"{new.source.text!r} {new.cue.text!r} {[p.text[:60] for p in new.content_parts]} | gold "
                  f"{[text[a:b][:60] for a, b in want] if want else None}", flush=True)
    print(f"{len(items)} articles; {changed} attributions changed: {gains} gains, {losses} losses")


if __name__ == "__main__":
    main()
