# onrecord — make run: set up and audit the bundled example; make test: set up and run the tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
export HF_HUB_OFFLINE := 1
export PYTHONHASHSEED := 0

.PHONY: run test setup bench eval train clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/onrecord check examples/hedged-confidence.txt

test: $(STAMP)
	$(BIN)/python -m pytest tests

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_batch.py --shared $(SHARED)

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_all.py --shared $(SHARED)

train: $(STAMP)
	$(BIN)/onrecord train stance --data $(SHARED)/data/fnc1
	$(BIN)/onrecord train attribution --data $(SHARED)/data/polnear
	$(BIN)/onrecord train hedging --data $(SHARED)/data/uncertainty
	for m in checkworthy clickbait emergent; do $(BIN)/onrecord train $$m --data $(SHARED)/data/$$m || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
