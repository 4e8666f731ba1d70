"""`bench_models.py` with a bag of role taggers (``explore_cue_bag.RoleBag``) standing in for the shipped one.

    python benchmarks/bench_role_bag.py SEED1.onnx --shared ../shared --articles 100 --repeat 1
    python benchmarks/bench_models.py --shared ../shared --articles 100 --repeat 1   # the shipped tagger, alternated
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

if __name__ == "__main__":
    from explore_cue_bag import RoleBag

    from onrecord import models
    from onrecord import token_tagger as tt

    extra = Path(sys.argv.pop(1))
    models._substitutes["role_tagger"] = RoleBag([models.load("role_tagger"),
                                                  tt.OnnxRoleTagger(extra, models.load("minilm"))])
    import bench_models

    bench_models.main()
