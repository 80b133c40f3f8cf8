#!/bin/sh
# deps.sh: make sure the Debian packages crossread needs are present.
# Installs the missing ones as root (or through sudo without a password);
# otherwise prints the exact apt-get line and fails.
# Usage: scripts/deps.sh [build|test|bench]
set -u
want=${1:-build}
missing=""
need_pc() { # pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() { # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() { # path, Debian package
	[ -e "$1" ] || missing="$missing $2"
}
need_cmd cc gcc
need_cmd make make
need_cmd pkg-config pkg-config
if command -v pkg-config >/dev/null 2>&1; then
	need_pc ncursesw libncurses-dev
	need_pc yaml-0.1 libyaml-dev
	need_pc libutf8proc libutf8proc-dev
	need_pc libxml-2.0 libxml2-dev
	need_pc jansson libjansson-dev
	need_pc libcurl libcurl4-openssl-dev
	need_pc md4c libmd4c-dev
	need_pc nettle nettle-dev
else
	missing="$missing libncurses-dev libyaml-dev libutf8proc-dev libxml2-dev libjansson-dev"
	missing="$missing libcurl4-openssl-dev libmd4c-dev nettle-dev"
fi
need_file /usr/include/libstemmer.h libstemmer-dev
need_file /usr/include/wn.h wordnet-dev
need_file /usr/share/wordnet/data.noun wordnet-base
need_cmd infocmp ncurses-bin
if [ "$want" = test ] || [ "$want" = bench ]; then
	if command -v pkg-config >/dev/null 2>&1; then
		need_pc cmocka libcmocka-dev
	else
		missing="$missing libcmocka-dev"
	fi
	need_cmd tmux tmux
	need_cmd strace strace
	need_cmd valgrind valgrind
	need_cmd python3 python3
	need_cmd perl perl
	need_cmd git git
	need_cmd chromium chromium
	if command -v clang >/dev/null 2>&1; then
		# libFuzzer comes with clang's runtime libraries
		rt=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)
		[ -e "$rt" ] || missing="$missing libclang-rt-dev"
	else
		missing="$missing clang libclang-rt-dev"
	fi
fi
if [ "$want" = bench ]; then
	need_cmd hyperfine hyperfine
	need_cmd vim vim
	need_file /usr/lib/python3/dist-packages/sklearn python3-sklearn
	need_file /usr/lib/python3/dist-packages/yaml python3-yaml
fi
[ -z "$missing" ] && exit 0
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
line="apt-get install -y $missing"
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "crossread needs these Debian packages: $missing" >&2
	echo "run as root:  $line" >&2
	exit 1
fi
echo "deps: installing $missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || exit 1
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
