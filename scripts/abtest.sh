#!/usr/bin/env bash
# Compare the speed of `gitui extract --format jsonl DIR` between builds on
# a shared, noisy machine: runs of the commands are interleaved (A B A B …)
# so that a slow spell of the machine falls on both, and the minimum and
# median of wall and CPU seconds (user + system) are printed for each.
#
#   scripts/abtest.sh N DIR COMMAND...
#
# Each COMMAND is a gitui binary, or a script that runs one (to set an
# environment variable such as GOGC). Typical use, against HEAD:
#
#   git stash; go build -o /tmp/gitui-a ./cmd/gitui; git stash pop
#   go build -o /tmp/gitui-b ./cmd/gitui
#   scripts/abtest.sh 8 /tmp/gitui-bench/plain-10000 /tmp/gitui-a /tmp/gitui-b
set -euo pipefail

if [ $# -lt 3 ]; then
	sed -n '2,15s/^# \{0,1\}//p' "$0" >&2
	exit 2
fi
n=$1 dir=$2
shift 2
[ -x /usr/bin/time ] || { echo "abtest: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

for _ in $(seq "$n"); do
	for cmd in "$@"; do
		# gitui exits 1 when some file is a problem: the time is what counts.
		/usr/bin/time -f "$cmd %e %U %S %M" "$cmd" extract --format jsonl "$dir" 2>&1 >/dev/null | tail -n 1 || true
	done
done | awk '
	{ wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); if ($5 > rss[$1]) rss[$1] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
	function sorted(list, out,    n, i, j, t) {
		n = split(list, out, " ")
		for (i = 2; i <= n; i++) for (j = i; j > 1 && out[j-1] + 0 > out[j] + 0; j--) { t = out[j]; out[j] = out[j-1]; out[j-1] = t }
		return n
	}
	function median(v, n) { return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
	END {
		for (i = 1; i <= k; i++) {
			c = order[i]
			nw = sorted(wall[c], w); nc = sorted(cpu[c], u)
			printf "%-32s runs %d  wall min %.2f med %.2f s  cpu min %.2f med %.2f s  peak RSS %d MB\n", c, nw, w[1], median(w, nw), u[1], median(u, nc), rss[c] / 1024
		}
	}'
