"""Measure a soup of role taggers (their weights averaged: one network's cost) inside the whole attribution analyzer.

    python benchmarks/explore_role_soup.py --shared ../shared --tensors ~/.cache/onrecord/role-tagger-seed1-layers6.npz \
        [--weight 0.5] [--splits carve,dev] [--out SOUP.onnx]

The shipped role tagger's weights are read back from its int8 graph (each weight dequantized: its int8 value times its
channel's scale, exactly what the graph computes with), the other fine-tune's from its float tensors (the npz the
training caches, e.g. ``role_tagger.train(..., seed=1)``). Every weight of the soup is ``weight`` x the shipped one's
+ (1 - ``weight``) x the other's, and the soup is quantized as the training quantizes. With ``--weight 1`` the soup
is the shipped graph again, to the bit (a check of the read-back). The analyzer runs in this process (one worker)
with the other network alone, and with the soup, in the registry's place, on the carve-out (107 PolNeAR train
articles neither network saw) and on dev. Writes nothing in the package.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from explore_cue_bag import run, shipped_path, split_items  # noqa: E402

from onrecord import models  # noqa: E402
from onrecord import token_tagger as tt  # noqa: E402
from onrecord.training import crossencoder, role_tagger  # noqa: E402


def read_back(graph: Path) -> dict[str, np.ndarray]:
    """The float weights an int8 graph computes with, by the float graph's initializer names."""
    import onnx
    from onnx import numpy_helper

    arrays = {t.name: numpy_helper.to_array(t) for t in onnx.load(str(graph)).graph.initializer}
    out = {}
    for name, a in arrays.items():
        if name.endswith("_quantized"):
            base = name[: -len("_quantized")]
            q, scale = a.astype(np.float32), arrays[base + "_scale"].astype(np.float32)
            zero = arrays.get(base + "_zero_point")
            per_channel = q.ndim == 2 and scale.ndim == 1 and scale.shape[0] == q.shape[1]
            if zero is not None:
                q = q - (zero.astype(np.float32).reshape(1, -1) if per_channel else zero.astype(np.float32))
            out[base] = q * (scale.reshape(1, -1) if per_channel else scale)
        elif a.dtype == np.float32 and not name.endswith("_scale"):
            out[name] = a
    return out


def soup(shipped: Path, other_fp32: Path, weight: float, out: Path) -> None:
    """Write the int8 soup of the shipped graph and the other network's float graph (``role_tagger.export_onnx``
    with ``int8=False``) to ``out``."""
    import onnx
    from onnx import numpy_helper

    mine = read_back(shipped)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "soup.onnx"
        model = onnx.load(str(other_fp32))
        graph = model.graph
        mixed = []
        for t in graph.initializer:
            a = numpy_helper.to_array(t)
            if a.dtype == np.float32:
                if t.name not in mine or mine[t.name].shape != a.shape:
                    raise SystemExit(f"the shipped graph has no weight {t.name} of shape {a.shape}")
                a = (weight * mine[t.name] + (1 - weight) * a).astype(np.float32)
            mixed.append(numpy_helper.from_array(a, t.name))
        del graph.initializer[:]
        graph.initializer.extend(mixed)
        onnx.save(model, str(fp32))
        crossencoder.quantize_int8(fp32, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--tensors", type=Path, required=True, help="the other fine-tune's float tensors (npz)")
    ap.add_argument("--weight", type=float, default=0.5, help="the shipped network's share of each weight")
    ap.add_argument("--splits", default="carve,dev")
    ap.add_argument("--out", type=Path, help="keep the soup's int8 graph here")
    args = ap.parse_args()
    tensors = dict(np.load(args.tensors))
    base = models.load("minilm")
    with tempfile.TemporaryDirectory() as tmp:
        other_fp32, other = Path(tmp) / "other.fp32.onnx", Path(tmp) / "other.onnx"
        mixed = args.out or Path(tmp) / "soup.onnx"
        role_tagger.export_onnx(base, tensors, other_fp32, int8=False)  # once: quantized alone, and souped
        crossencoder.quantize_int8(other_fp32, other)  # what role_tagger.export_onnx writes
        soup(shipped_path(), other_fp32, args.weight, mixed)
        variants = {"shipped": models.load("role_tagger"), "other alone": tt.OnnxRoleTagger(other, base),
                    f"soup ({args.weight:g} shipped)": tt.OnnxRoleTagger(mixed, base)}
        polnear = args.shared / "data" / "polnear"
        for split in args.splits.split(","):
            items = split_items(polnear, split)
            for variant, tagger in variants.items():
                print(split, variant, run(items, tagger, "role_tagger"), flush=True)


if __name__ == "__main__":
    main()
