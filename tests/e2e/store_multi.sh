#!/bin/sh
# store_multi: four readers change one personal file at the same time, each
# 200 random operations (claim, link, note, edit, delete, undo) through the
# real session and store (tests/tools/notestress.c), for several seeds. Every
# operation reported saved must be in the final file exactly once, every
# reference must resolve, no side file may appear. Also as on a file system
# that refuses flock(2).
# Env: ROOT, BUILD, TMPDIR. SEEDS and OPS override the run's size.
set -u
failures=0
notok() { echo "not ok - $*"; failures=$((failures + 1)); }
tool="$ROOT/${BUILD:-build}/tools/notestress"
if [ ! -x "$tool" ]; then
	notok "$tool is not built"
	exit 1
fi
ops=${OPS:-200}
work="$TMPDIR/store_multi"
rm -rf "$work"
mkdir -p "$work"
# two articles of plain words, a few KB each
for a in a b; do
	i=0
	: >"$work/$a.txt"
	while [ $i -lt 40 ]; do
		echo "Paragraph $i of $a: officials said the server hack was denied by the ministry, while the report accused the other side of the attack on $i systems." >>"$work/$a.txt"
		echo >>"$work/$a.txt"
		i=$((i + 1))
	done
done

# round NAME SEED-BASE [noflock]: four readers at once, then verify
round() {
	name=$1 base=$2 mode=${3:-}
	d="$work/$name"
	mkdir -p "$d"
	pids=""
	for r in 1 2 3 4; do
		"$tool" run "$d/notes.yaml" "$work/a.txt" "$work/b.txt" $((base + r)) "$ops" "$d/expect$r" \
			$mode 2>"$d/err$r" &
		pids="$pids $!"
	done
	bad=0
	for p in $pids; do wait "$p" || bad=$((bad + 1)); done
	out=$("$tool" verify "$d/notes.yaml" "$d"/expect1 "$d"/expect2 "$d"/expect3 "$d"/expect4 2>&1)
	vrc=$?
	sides=$(ls "$d" | grep -c 'conflict')
	if [ "$bad" -eq 0 ] && [ "$vrc" -eq 0 ] && [ "$sides" -eq 0 ]; then
		echo "ok - $name: 4 readers x $ops operations, every saved one in the file once ($out)"
	else
		notok "$name: $bad reader(s) failed, verify exit $vrc, $sides side file(s)"
		cat "$d"/err1 "$d"/err2 "$d"/err3 "$d"/err4 | head -10 | sed 's/^/# /'
		echo "$out" | head -10 | sed 's/^/# /'
	fi
}

for seed in ${SEEDS:-100 200 300}; do
	round "seed-$seed" "$seed"
done

# a file system that refuses flock(2): the O_EXCL lock file (NAME.xlock)
round noflock 900 noflock
check_x="$work/noflock/notes.yaml.xlock"
if [ -e "$check_x" ]; then
	notok "noflock: the O_EXCL lock file was left behind"
else
	echo "ok - noflock: no lock file left behind"
fi

exit $((failures > 0))
