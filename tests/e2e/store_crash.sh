#!/bin/sh
# store_crash: SIGKILL a program that keeps saving the personal file, at 200
# random moments (0-20 ms after it starts, a window that widens while no
# kill lands after a save, as under a sanitizer on a loaded machine); after every kill the file must
# load with the real loader and be exactly one of the states saved, never an
# older one than before. Temporary files a kill leaves are removed by the
# next start (store_open), which is checked at the end.
# Env: ROOT, BUILD, TMPDIR. KILLS overrides the number of kills.
set -u
failures=0
notok() { echo "not ok - $*"; failures=$((failures + 1)); }
tools="$ROOT/${BUILD:-build}/tools"
stress="$tools/savestress"
kills_wanted=${KILLS:-200}
if [ ! -x "$stress" ]; then
	notok "$stress is not built (make $BUILD/tools/savestress)"
	exit 1
fi
work="$TMPDIR/store_crash"
rm -rf "$work"
mkdir -p "$work"
f="$work/notes.yaml"
if ! "$stress" run "$f" 1 || ! prev=$("$stress" check "$f"); then
	notok "savestress can save and check a first state"
	exit 1
fi
echo "ok - savestress saves and checks state $prev"

temps() { ls -A "$work" | grep -c '^\.notes\.yaml\.tmp\.' ; }

kills=0 checked=0 losses=0 advanced=0 left=0 first=$prev
i=0 window=21 since=0
while [ "$i" -lt "$kills_wanted" ]; do
	i=$((i + 1))
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	ms=$((r % window))
	"$stress" run "$f" 2>>"$work/stderr" &
	pid=$!
	sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	kills=$((kills + 1))
	[ "$(temps)" -gt 0 ] && left=$((left + 1))
	if k=$("$stress" check "$f" 2>>"$work/check.err"); then
		checked=$((checked + 1))
		if [ "$k" -lt "$prev" ]; then
			losses=$((losses + 1))
			echo "# kill $i: state went back from $prev to $k"
		fi
		if [ "$k" -gt "$prev" ]; then
			advanced=$((advanced + 1)) since=0
		else
			since=$((since + 1))
			# 20 kills in a row before the first save: a slow start
			if [ "$since" -ge 20 ] && [ "$window" -lt 2000 ]; then
				window=$((window * 2)) since=0
			fi
		fi
		prev=$k
	else
		checked=$((checked + 1))
		losses=$((losses + 1))
		if [ "$losses" -le 3 ]; then
			cp "$f" "$work/lost-$i.yaml" 2>/dev/null
			echo "# kill $i: file does not check (kept as $work/lost-$i.yaml)"
			sed 's/^/# /' "$work/check.err" | tail -3
		fi
	fi
done
if [ "$losses" -eq 0 ] && [ "$checked" -eq "$kills" ]; then
	echo "ok - $kills kills, $checked files checked, $losses losses"
else
	notok "$kills kills, $checked files checked, $losses losses"
fi
# the test means nothing if the kills never hit a program that was saving
if [ "$advanced" -gt 0 ]; then
	echo "ok - saving was under way: state went from $first to $prev over $advanced of the kills"
else
	notok "no kill landed after a save (state stayed $prev)"
fi
if [ -s "$work/stderr" ]; then
	notok "savestress reported errors:"
	sed 's/^/# /' "$work/stderr" | head -5
fi
# temporary files: a kill between mkstemp and rename leaves one; the next
# start removes abandoned ones (they are unlocked)
if ! "$stress" run "$f" $((prev + 1)) 2>"$work/last.err"; then
	notok "the next start after the kills could not save: $(head -1 "$work/last.err")"
elif [ "$(temps)" -eq 0 ]; then
	echo "ok - no temporary file left after the next start ($left of $kills kills had left one)"
else
	notok "temporary files remain after the next start: $(ls -A "$work" | grep '^\.notes' | tr '\n' ' ')"
fi
[ "$failures" -eq 0 ]
