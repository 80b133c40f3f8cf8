#!/bin/sh
# bench/keys_vs_vim.sh: the cost of a key, end to end through a terminal,
# crossread beside `vim -O` on the same two files in the same tmux harness.
# Each program gets N line scrolls (j) in one burst and then a marker
# command whose answer appears on the screen (crossread: a search for a
# word that is not there; vim: an :echo); the time from the burst to the
# marker's answer, less the same with no j (the harness and the marker),
# over N is one key and its frame. Run it by hand or from bench/run.sh:
#   sh bench/keys_vs_vim.sh [A B]   (default: the bench's 2 x 20 MiB pair)
# A table to read, never a pass/fail test.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/$BUILD/crossread}
A=${1:-$ROOT/$BUILD/bench/data/big-a.md}
B=${2:-$ROOT/$BUILD/bench/data/big-b.txt}
N=${KEYS_N:-400}
RUNS=${KEYS_RUNS:-5}
for cmd in tmux vim python3; do
	if ! command -v "$cmd" >/dev/null 2>&1; then
		echo "keys_vs_vim: $cmd is missing; rows skipped" >&2
		exit 0
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crossread-keys.XXXXXX") || exit 1
SOCK=$tmp/tmux.0.sock
starts=0
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# timed PROGRAM COUNT: one run's milliseconds for COUNT keys (python3 only
# for a clock with milliseconds and the polling loop)
timed() {
	python3 - "$SOCK" "$1" "$2" <<'PY'
import subprocess, sys, time
sock, prog, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def tm(*a):
    return subprocess.run(["tmux", "-S", sock] + list(a), capture_output=True, text=True).stdout
marker = "zqxmarker%d" % n
if prog == "vim":
    keys, cmd, answer = "j", ":echo '%s-ok'\r" % marker, marker + "-ok"
else:
    keys, cmd, answer = "j", "/%s\r" % marker, "pattern not found: " + marker
t0 = time.monotonic()
if n:
    tm("send-keys", "-t", "t", "-l", keys * n)
tm("send-keys", "-t", "t", "-l", cmd)
screen = ""
while answer not in screen:
    if time.monotonic() - t0 > 60:
        sys.stderr.write("keys_vs_vim: %s never answered; its screen:\n%s\n" % (prog, screen))
        sys.exit(1)
    time.sleep(0.002)
    screen = tm("capture-pane", "-t", "t", "-p")
print("%.3f" % ((time.monotonic() - t0) * 1e3))
PY
}

# start PROGRAM ARGS...: a fresh 160 x 50 session showing the first frame
start() {
	# a server of its own each time: one still shutting down would take a
	# new session on the same socket with it
	tmux -S "$SOCK" kill-server 2>/dev/null
	starts=$((starts + 1))
	# per_key runs in a subshell ($(...)), where `starts` restarts from 0:
	# the program's name keeps two programs' servers apart
	SOCK=$tmp/tmux.$prog.$starts.sock
	tmux -S "$SOCK" -f /dev/null new-session -d -s t -x 160 -y 50 \
		"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*; sleep 600"
	tmux -S "$SOCK" set-option -g status off >/dev/null
	# ready: a drawn screen that stays the same for a second (vim reads
	# the files and asks the terminal questions before it takes keys)
	i=0 prev=""
	while [ $i -lt 120 ]; do
		sleep 1
		now=$(tmux -S "$SOCK" capture-pane -t t -p)
		if [ "$now" = "$prev" ] && [ "$(echo "$now" | grep -c .)" -ge 10 ]; then
			break
		fi
		prev=$now
		i=$((i + 1))
	done
}

# per_key PROGRAM CMD...: median of RUNS (burst - no burst) / N, in ms
per_key() {
	prog=$1
	shift
	: >"$tmp/$prog.t"
	r=0
	while [ $r -lt "$RUNS" ]; do
		start "$@"
		full=$(timed "$prog" "$N")
		start "$@"
		base=$(timed "$prog" 0)
		echo "$full $base" >>"$tmp/$prog.t"
		r=$((r + 1))
	done
	tmux -S "$SOCK" kill-server 2>/dev/null
	python3 -c '
import sys, statistics
n = int(sys.argv[2])
rows = [l.split() for l in open(sys.argv[1])]
if not rows or any(len(r) != 2 for r in rows):
    sys.exit(0)  # a run without an answer: nothing printed, "not measured"
v = [(float(a) - float(b)) / n for a, b in rows]
print("%.3f" % statistics.median(v))' "$tmp/$prog.t" "$N"
}

cr=$(per_key crossread "$BIN" "$A" "$B")
vi=$(per_key vim vim -u NONE -i NONE -n -O "$A" "$B")
if [ -z "$cr" ] || [ -z "$vi" ]; then
	echo "| key + frame through tmux: j, crossread / \`vim -O\` | ${cr:-no answer} / ${vi:-no answer} ms | crossread <= vim | not measured |"
	exit 0
fi
ratio=$(python3 -c "print('%.2f' % ($cr / $vi if $vi > 0 else 0))")
verdict=$(python3 -c "print('ok' if $cr <= $vi else 'MISSED')")
echo "| key + frame through tmux: j (line scroll), crossread / \`vim -O\`, same 2 files, 160x50 | $cr / $vi ms | crossread <= vim | $verdict, ratio $ratio |"
