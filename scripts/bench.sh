#!/usr/bin/env bash
# Measure gitui's loading and extraction on generated corpora, side by side
# with ripgrep reading the same files.
#
#   scripts/bench.sh [--plain] [N...]        default: 1000 10000
#
# --plain measures corpora of UTF-8 text files only (gencorpus -plain): no
# HTML pages and no GB18030/Big5, so that the extractor itself is measured.
#
# For each N it generates (once, cached in $BENCH_DIR) a corpus of N reports
# with cmd/gencorpus -seed 1, warms the page cache, then measures:
#   gitui   `gitui extract --format jsonl DIR > /dev/null`: wall time, MB/s,
#           reports/s, peak RSS (/usr/bin/time -v)
#   rg      `rg -c '[0-9]+' DIR > /dev/null`: wall time, MB/s, peak RSS
#   ratio   gitui time / rg time
#   cached  corpus.LoadAll reopening DIR with a warm extraction cache
#           (BenchmarkLoadCached), and the heap the loaded corpus holds
#           against its decoded text (heap/text)
#   held    peak RSS of `gitui check DIR`, which loads the whole corpus and
#           holds it, as the explorer does
# Results are printed as a Markdown table and kept in
# $BENCH_DIR/results-corpus.md (or results-plain.md).
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/gitui-bench}
BIN=$BENCH_DIR/bin
mkdir -p "$BIN"
kind=corpus gen=
if [ "${1:-}" = --plain ]; then
	kind=plain gen=-plain
	shift
fi
if [ $# -eq 0 ]; then
	set -- 1000 10000
fi

need() { # need COMMAND PACKAGE: install PACKAGE with apt-get when COMMAND is missing
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "bench: installing $2" >&2
		if [ "$(id -u)" -eq 0 ]; then
			apt-get install -y "$2" >/dev/null
		else
			sudo apt-get install -y "$2" >/dev/null
		fi
	fi
}
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

echo "bench: building" >&2
go build -o "$BIN/gitui" ./cmd/gitui
go build -o "$BIN/gencorpus" ./cmd/gencorpus
go test -c -o "$BIN/corpus.test" ./internal/corpus

# timed FILE CMD...: run CMD under /usr/bin/time -v, stdout discarded,
# resources to FILE; a failing exit (gitui exits 1 when some file is a
# problem) does not stop the script.
timed() {
	local out=$1
	shift
	/usr/bin/time -v -o "$out" "$@" >/dev/null 2>"$out.stderr" || true
}
# elapsed FILE: wall seconds from /usr/bin/time -v output.
elapsed() {
	awk -F': ' '/Elapsed \(wall clock\)/ {
		n = split($2, p, ":"); s = 0
		for (i = 1; i <= n; i++) s = s * 60 + p[i]
		print s }' "$1"
}
# cpu FILE: user + system seconds, which other load on the machine does
# not inflate as it does wall time.
cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
# rss FILE: peak resident set in MB.
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }

results=$BENCH_DIR/results-$kind.md
{
	echo "| reports | MB | gitui s | gitui CPU s | gitui MB/s | reports/s | gitui RSS MB | rg s | rg CPU s | rg MB/s | rg RSS MB | gitui/rg | cached reopen s | cached reports/s | heap/text | held RSS MB |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$results"

for n in "$@"; do
	dir=$BENCH_DIR/$kind-$n
	if [ ! -f "$dir.done" ]; then
		echo "bench: generating $n reports" >&2
		rm -rf "$dir"
		"$BIN/gencorpus" $gen -n "$n" -seed 1 -o "$dir" 2>/dev/null
		touch "$dir.done"
	fi
	bytes=$(find "$dir" -path '*/.gitui' -prune -o -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
	mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	find "$dir" -path '*/.gitui' -prune -o -type f -exec cat {} + >/dev/null # warm the page cache for both tools

	echo "bench: $n reports: gitui extract" >&2
	timed "$BENCH_DIR/gitui-$kind-$n.time" "$BIN/gitui" extract --format jsonl "$dir"
	gs=$(elapsed "$BENCH_DIR/gitui-$kind-$n.time")
	echo "bench: $n reports: rg" >&2
	timed "$BENCH_DIR/rg-$kind-$n.time" rg -c '[0-9]+' "$dir"
	rs=$(elapsed "$BENCH_DIR/rg-$kind-$n.time")

	echo "bench: $n reports: cached reopen" >&2
	bench=$(GITUI_BENCH_CORPUS=$dir "$BIN/corpus.test" -test.run '^$' \
		-test.bench '^BenchmarkLoadCached$' -test.benchtime 1x | grep '^BenchmarkLoadCached')
	cs=$(echo "$bench" | awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "ns/op") printf "%.2f", $i / 1e9 }')
	heap=$(echo "$bench" | awk '{ for (i = 1; i < NF; i++) if ($(i+1) == "heap/text") printf "%.2f", $i }')

	echo "bench: $n reports: held (gitui check)" >&2
	timed "$BENCH_DIR/check-$kind-$n.time" "$BIN/gitui" check "$dir"

	gt=$BENCH_DIR/gitui-$kind-$n.time rt=$BENCH_DIR/rg-$kind-$n.time
	echo "| $n | $mb | $gs | $(cpu "$gt") | $(div "$mb" "$gs") | $(div "$n" "$gs") | $(rss "$gt") | $rs | $(cpu "$rt") | $(div "$mb" "$rs") | $(rss "$rt") | $(div "$gs" "$rs") | $cs | $(div "$n" "$cs") | $heap | $(rss "$BENCH_DIR/check-$kind-$n.time") |" | tee -a "$results"
done
echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results" >&2
