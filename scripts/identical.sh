#!/usr/bin/env bash
# Check that a change leaves `gitui extract` output byte for byte the same:
# build gitui at a git revision and from the working tree, run both over
# every testdata corpus (and any folders given), and compare.
#
#   scripts/identical.sh [-r REV] [DIR...]      default REV: HEAD
#
# Speed work must keep every output byte; a change that alters output
# bumps extract.Version and is checked against the gold instead (score.py,
# TestGold). Exits 1 when some output differs.
set -euo pipefail

cd "$(dirname "$0")/.."
rev=HEAD
if [ "${1:-}" = -r ]; then
	rev=$2
	shift 2
fi
work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/tree" "$rev" >/dev/null 2>&1
(cd "$work/tree" && go build -o "$work/before" ./cmd/gitui)
go build -o "$work/after" ./cmd/gitui

status=0
for dir in testdata/seeds testdata/dev/reports testdata/holdout*/reports "$@"; do
	[ -d "$dir" ] || continue
	# gitui extract exits 1 when some file is a problem: the output is
	# what is compared.
	"$work/before" extract --format jsonl "$dir" >"$work/before.jsonl" 2>/dev/null || true
	"$work/after" extract --format jsonl "$dir" >"$work/after.jsonl" 2>/dev/null || true
	if cmp -s "$work/before.jsonl" "$work/after.jsonl"; then
		echo "same       $dir"
	else
		echo "DIFFERENT  $dir"
		status=1
	fi
done
exit $status
