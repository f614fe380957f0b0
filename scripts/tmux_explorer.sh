#!/bin/sh
# tmux_explorer.sh: run the explorer in a detached tmux of a given size,
# send keys, and print the screen: for checking rendering by eye (Chinese,
# full-width punctuation, “”…①) and for captures in the docs.
#
#   scripts/tmux_explorer.sh [-s WxH] [-e] [-d DIR] [KEYS...]
#
#   -s WxH   terminal size (default 150x45)
#   -e       keep colours and attributes (tmux capture-pane -e)
#   -d DIR   the report folder (default: the bundled samples)
#   KEYS     tmux send-keys arguments, sent one by one after loading,
#            e.g.  / t004 Enter Tab G
#
# The automated version of this check is TestTmuxSamples in internal/ui.
set -eu

size=150x45
attrs=
dir=
while getopts s:ed: opt; do
	case $opt in
	s) size=$OPTARG ;;
	e) attrs=-e ;;
	d) dir=$OPTARG ;;
	*) echo "usage: $0 [-s WxH] [-e] [-d DIR] [KEYS...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
command -v tmux >/dev/null || { echo "$0: tmux is not installed" >&2; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
socket="$work/tmux.sock" # a private server, removed with $work
trap 'tmux -S "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/gitui" ./cmd/gitui)
w=${size%x*}
h=${size#*x}
# The shell stays after gitui quits, so the last screen can be captured.
tmux -S "$socket" -f /dev/null new-session -d -s explorer -x "$w" -y "$h" \
	-e "NO_COLOR=${NO_COLOR:-}" "$work/gitui --read-only $dir; sleep 2"
sleep 2 # loading the samples takes well under this
for k in "$@"; do
	tmux -S "$socket" send-keys -t explorer "$k"
	sleep 0.2
done
sleep 0.3
tmux -S "$socket" capture-pane -p $attrs -t explorer
