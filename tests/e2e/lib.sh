# lib.sh: helpers for end-to-end tests that drive the real binary in tmux.
# Sourced by tests/e2e/*.sh; expects BIN, ROOT and TMPDIR in the environment.
# Each check prints "ok - what" or "not ok - what"; the script's exit status
# is non-zero if any check failed.

: "${BIN:?BIN must name the crossread binary}"
: "${ROOT:?ROOT must name the repository}"
: "${TMPDIR:=/tmp}"
E2E_FAILED=0
TM_N=0
SOCK="$TMPDIR/tmux.$$.$TM_N.sock"

tm() { tmux -S "$SOCK" "$@"; }

# tm_start COLS ROWS COMMAND...: a fresh session (on a fresh server: a
# server still shutting down must not take the new one with it)
tm_start() {
	cols=$1 rows=$2
	shift 2
	tm kill-server 2>/dev/null
	TM_N=$((TM_N + 1))
	SOCK="$TMPDIR/tmux.$$.$TM_N.sock"
	tm -f /dev/null new-session -d -s t -x "$cols" -y "$rows" \
		"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $*; echo '[exited '\$?']'; sleep 600"
	tm set-option -g status off >/dev/null
	tm set-option -g remain-on-exit on >/dev/null
	tm resize-window -t t -x "$cols" -y "$rows" 2>/dev/null
}

tm_keys() { tm send-keys -t t "$@"; }
tm_text() { tm send-keys -t t -l "$1"; }
tm_screen() { tm capture-pane -t t -p; }
tm_resize() { tm resize-window -t t -x "$1" -y "$2"; }
tm_stop() { tm kill-server 2>/dev/null; }

# tm_wait REGEX [SECONDS]: wait until the screen matches (grep -E)
tm_wait() {
	limit=$((${2:-10} * 10))
	i=0
	while [ $i -lt $limit ]; do
		tm_screen | grep -Eq -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# eventually PRED ARGS...: PRED holds within 10 s (a capture right after a
# key or a resize may come before the redraw; no timing is asserted)
eventually() {
	_ev_i=0 # not n: callers loop on n
	until "$@"; do
		_ev_i=$((_ev_i + 1))
		[ $_ev_i -ge 100 ] && return 1
		sleep 0.1
	done
}

# tm_settle: wait until the screen stops changing
tm_settle() {
	prev=""
	i=0
	while [ $i -lt 50 ]; do
		cur=$(tm_screen | cksum)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
}

ok() { echo "ok - $*"; }
not_ok() {
	echo "not ok - $*"
	E2E_FAILED=1
}
# check DESCRIPTION COMMAND...: ok if the command succeeds
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else
		not_ok "$desc"
		echo "--- screen:"
		tm_screen 2>/dev/null | sed 's/^/    /'
	fi
}
screen_has() { tm_screen | grep -Eq -- "$1"; }
screen_lacks() { ! tm_screen | grep -Eq -- "$1"; }
finish() {
	tm_stop
	exit $E2E_FAILED
}
