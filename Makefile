# crossread: build, run, test, fuzz and bench.
# `make run` and `make check` install missing Debian packages first (scripts/deps.sh).

PKG_CONFIG ?= pkg-config
PKGS       := ncursesw yaml-0.1 libutf8proc libxml-2.0 jansson libcurl md4c nettle
CC         ?= cc
CFLAGS     ?= -O2 -g
STDFLAGS   := -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
WARNFLAGS  := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
VERSION    := 0.1.0

# SANITIZE=1: AddressSanitizer + UndefinedBehaviorSanitizer, in a build tree of its own.
ifeq ($(SANITIZE),1)
BUILD      ?= build-san
SANFLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD      ?= build
SANFLAGS   :=
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

PC_CFLAGS   = $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PC_LIBS     = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
ALL_CFLAGS  = $(STDFLAGS) $(WARNFLAGS) -Iinclude $(PC_CFLAGS) -DCROSSREAD_VERSION='"$(VERSION)"' \
              -MMD -MP $(SANFLAGS) $(CFLAGS)
LDLIBS_ALL  = $(PC_LIBS) -lstemmer -lwordnet -lm -pthread

# one folder per layer, lowest first (scripts/layers.sh checks that includes only point down)
LAYERS    := base doc annot anchor match persist view reader ui cli
SRC_ALL   := $(sort $(wildcard $(LAYERS:%=src/%/*.c)))
# the curses UI and main() stay out of the library that tests and fuzzers link
SRC_UI    := $(filter src/ui/%.c src/cli/main.c,$(SRC_ALL))
SRC_CORE  := $(filter-out $(SRC_UI),$(SRC_ALL))
OBJ_CORE  := $(SRC_CORE:src/%.c=$(BUILD)/obj/%.o)
OBJ_UI    := $(SRC_UI:src/%.c=$(BUILD)/obj/%.o)
CORELIB   := $(BUILD)/libcrossread.a
BIN       := $(BUILD)/crossread

UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN  := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all run check test unit e2e deps deps-test fuzz bench format format-check lint clean install

all: deps $(BIN)

deps:
	@sh scripts/deps.sh build
deps-test:
	@sh scripts/deps.sh test

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(CORELIB): $(OBJ_CORE)
	@mkdir -p $(@D)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(OBJ_UI) $(CORELIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(SANFLAGS) $(CFLAGS) -o $@ $(OBJ_UI) $(CORELIB) $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(CORELIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(CORELIB) $(LDLIBS_ALL) $(CMOCKA_LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(CORELIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(CORELIB) $(LDLIBS_ALL)

$(BUILD)/bench/%: bench/%.c $(CORELIB) $(OBJ_UI)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(filter-out $(BUILD)/obj/cli/main.o,$(OBJ_UI)) $(CORELIB) $(LDLIBS_ALL)

run: all
	./$(BIN) annotations/microsoft-exchange-hack.yaml

# Every test: unit (cmocka), end-to-end (tmux), ending with "N passed, N failed".
check: deps-test $(BIN) $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) sh tests/run.sh $(UNIT_BIN)
test: check

# libFuzzer harnesses (clang, ASan + UBSan), each run FUZZ_SECONDS seconds.
FUZZ_SECONDS ?= 10
FUZZ_BUILD   := build-fuzz
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_CORE    := $(SRC_CORE:src/%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_FLAGS   := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
$(FUZZ_BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(Q)clang $(STDFLAGS) $(WARNFLAGS) -Iinclude $(PC_CFLAGS) -MMD -MP $(FUZZ_FLAGS) -c $< -o $@
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_CORE)
	$(Q)clang $(STDFLAGS) $(WARNFLAGS) -Wno-missing-prototypes -Iinclude $(PC_CFLAGS) -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o $@ $< $(FUZZ_CORE) $(LDLIBS_ALL)
# the objects are only prerequisites of a pattern rule: without this make
# deletes them as intermediates after every build and recompiles them all
.SECONDARY: $(FUZZ_CORE)
fuzz: deps-test $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_BIN)

bench: deps $(BIN) $(BENCH_BIN) $(TOOL_BIN)
	@sh scripts/deps.sh bench || echo "bench: some comparison tools are missing; their rows are skipped"
	@BUILD=$(BUILD) sh bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h include/crossread/*/*.h tests/unit/*.c tests/fuzz/*.c tests/tools/*.c bench/*.c 2>/dev/null || true
format-check:
	clang-format --dry-run --Werror src/*/*.c src/*/*.h include/crossread/*/*.h
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem -Iinclude src

install: all
	install -Dm755 $(BIN) $(DESTDIR)/usr/local/bin/crossread
	install -Dm644 crossread.1 $(DESTDIR)/usr/local/share/man/man1/crossread.1

clean:
	rm -rf build build-san build-fuzz

-include $(wildcard $(BUILD)/obj/*/*.d $(BUILD)/tests/*.d $(FUZZ_BUILD)/obj/*/*.d)
