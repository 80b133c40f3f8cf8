#!/bin/sh
# layers.sh: the layers point one way down. Every file under src/LAYER and
# include/crossread/LAYER may include headers of its own layer or of a lower
# one (order below), and only src/ui includes curses. Prints each violation
# as FILE:LINE: message and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
order="base doc annot anchor match persist view reader ui cli"
rank() {
	i=0
	for l in $order; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
bad=0
for f in $(find src include/crossread -name '*.[ch]' | sort); do
	case $f in
	src/*) layer=$(echo "$f" | cut -d/ -f2) ;;
	include/crossread/*) layer=$(echo "$f" | cut -d/ -f3) ;;
	esac
	me=$(rank "$layer")
	if [ "$me" -lt 0 ]; then
		echo "$f:1: not in a layer folder ($order)"
		bad=1
		continue
	fi
	out=$(grep -n '#include' "$f" | while IFS=: read -r line text; do
		case $text in
		*'<curses.h>'* | *'<ncurses'* | *'<ncursesw/'* | *'<term.h>'* | *'<panel.h>'*)
			[ "$layer" = ui ] || echo "$f:$line: curses outside src/ui"
			;;
		*'"crossread/'*)
			to=$(echo "$text" | sed 's|.*"crossread/\([a-z_]*\)/.*|\1|')
			r=$(rank "$to")
			if [ "$r" -lt 0 ]; then
				echo "$f:$line: include names no layer: $text"
			elif [ "$r" -gt "$me" ]; then
				echo "$f:$line: $layer includes $to, a higher layer"
			fi
			;;
		esac
	done)
	if [ -n "$out" ]; then
		echo "$out"
		bad=1
	fi
done
exit $bad
