#!/usr/bin/env bash
# Deterministic instruction counts (issue 6, deliverable 4): valgrind
# cachegrind (no cache simulation, instruction reads only) on
#   node --single-threaded --predictable dist/bench/cachegrind-entry.js ...
# for the compile at 2,000 and 11,004 municipalities and for one route,
# each minus the node startup + module loading baseline.
#
# Usage: bench/cachegrind.sh [sizes...]   (default: 419 2000 11004; run `npm run build` first)
# Slow: valgrind runs node about 30-50x slower. Results: a markdown table on
# stdout, raw counts in $OUT (default: a temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-419 2000 11004}")
read -r -a SIZES <<< "${SIZES[*]}"
OUT="${OUT:-$(mktemp -d -t stellwerk-cachegrind-XXXXXX)}"
mkdir -p "$OUT" && chmod 700 "$OUT"
NODE_FLAGS=(--single-threaded --predictable --max-old-space-size=8192)
ENTRY=dist/bench/cachegrind-entry.js
[ -f "$ENTRY" ] || { echo "run npm run build first" >&2; exit 2; }

# Instruction reads (I refs) of one run.
irefs() {
  local name="$1"; shift
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$OUT/$name.cg" \
    node "${NODE_FLAGS[@]}" "$ENTRY" "$@" 2> "$OUT/$name.log" >/dev/null
  grep -E "I\s+refs:" "$OUT/$name.log" | tail -1 | sed -E 's/.*refs:\s+//; s/,//g'
}

TEMPLATE="$(node -e 'import("./dist/bench/corpus.js").then(m => console.log(m.templateProblem(m.SHIPPED_RULES) === undefined ? m.SHIPPED_RULES : m.BENCH_RULES))')"
echo "template: $TEMPLATE" >&2
base=$(irefs baseline baseline)
dir=$(irefs directory directory)
echo "| run | instructions | minus baseline | per municipality (compile minus directory load) | marginal per municipality (from the previous size) |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| node startup + module loading (baseline) | $base | 0 | | |"
echo "| directory load | $dir | $((dir - base)) | | |"
prev_n=""; prev_c=""
for n in "${SIZES[@]}"; do
  node dist/bench/corpus.js "$n" "$OUT/corpus-$n" "$TEMPLATE" >/dev/null
  c=$(irefs "compile-$n" compile "$OUT/corpus-$n")
  per=$(( (c - dir) / n ))
  marginal=""
  [ -n "$prev_n" ] && marginal=$(( (c - prev_c) / (n - prev_n) ))
  echo "| compile $n municipalities | $c | $((c - base)) | $per | $marginal |"
  prev_n=$n; prev_c=$c
  rm -rf "$OUT/corpus-$n"
done
# One route: the Saxon table of the benchmark process, (11 routes - 1 route) / 10.
node dist/bench/corpus.js 419 "$OUT/route-rules" bench/rules >/dev/null
node bin/stellwerk.js build "$OUT/route-rules" --out "$OUT/route-build" >/dev/null 2>&1
r1=$(irefs route-1 route "$OUT/route-build/routing-table.json" 1)
r11=$(irefs route-11 route "$OUT/route-build/routing-table.json" 11)
echo "| route KoSIT 10 KB (S1), Saxon table: one warm route = (11 routes - 1 route) / 10 | $(( (r11 - r1) / 10 )) | | | |"
echo "| load Saxon table + first route (cold) | $r1 | $((r1 - base)) | | |"
rm -rf "$OUT/route-rules" "$OUT/route-build"
echo "raw output: $OUT" >&2
