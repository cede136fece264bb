#!/bin/sh
# Layout benchmark: our engine and genxword on bench/wordlists, via an external harness:
# layoutbench.py, the layout benchmark the project's maintainers share beside the repository
# (not part of it; HARNESS=path/to/layoutbench.py points elsewhere). Without it this script
# cannot run; the layout rules it checks are also tests/test_layout.py's validate().
# Run from the repository root:
#
#   bench/layout_bench.sh              # ours, 5 seeds -> bench/out/layout-ours.json
#   bench/layout_bench.sh genxword     # genxword 2.2.0 (needs /tmp/genx-venv, see genxword_engine.py)
#   bench/layout_bench.sh compare      # Markdown tables of both reports
#
# Extra arguments go to layoutbench.py (e.g. --filter p08 --render --errors). Only the
# public lists pNN_*.txt are laid out: bench/wordlists also holds the offline benches'
# 5,000 everyday words (a frequency list, not a layout case).
set -eu
HARNESS=${HARNESS:-../shared/bench/layoutbench.py}
[ -f "$HARNESS" ] || { echo "no layout harness at $HARNESS (set HARNESS=path/to/layoutbench.py)" >&2; exit 2; }
PY=${PYTHON:-.venv/bin/python}
GENX_PY=${GENX_PY:-/tmp/genx-venv/bin/python}
SEEDS=${SEEDS:-5}
CASES='^p[0-9]+_'  # a --filter among the extra arguments replaces it
mkdir -p bench/out
what=${1:-ours}
[ $# -gt 0 ] && shift
case "$what" in
ours)
    "$PY" "$HARNESS" --name ours \
        --engine "$PY -m crossword layout {words} --seed {seed} --format json" \
        --cases bench/wordlists --filter "$CASES" --seeds "$SEEDS" --json bench/out/layout-ours.json "$@" ;;
genxword)
    "$PY" "$HARNESS" --name genxword-2.2.0 \
        --engine "$GENX_PY bench/genxword_engine.py {words} --seed {seed}" \
        --cases bench/wordlists --filter "$CASES" --seeds "$SEEDS" --json bench/out/layout-genxword.json "$@" ;;
compare)
    "$PY" "$HARNESS" --compare bench/out/layout-ours.json bench/out/layout-genxword.json --markdown ;;
*)
    echo "usage: $0 [ours|genxword|compare] [layoutbench options]" >&2; exit 2 ;;
esac
