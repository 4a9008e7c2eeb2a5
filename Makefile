# gloss -- a command-line glossary.
#
#   make            build ./gloss (objects under build/)
#   make run        install missing Debian packages, build, look a term up
#   make test       build and run every test (unit, CLI, examples,
#                   relevance, install): one summary line
#   make sanitize   the unit, CLI and site tests under ASan+UBSan
#   make leakcheck  the unit and CLI tests, a sample of the site rows,
#                   under valgrind
#   make lint       cppcheck and clang-tidy (one file per job)
#   .ci/run         what CI runs: each of these with make -j (README.md,
#                   Tests); the test scripts run JOBS (nproc) cases at a
#                   time and report in a fixed order
#   make yamldiff   N random term files per SEED against a model of SPEC 1
#   make yamldiff-ci  the same on 500 files, for CI
#   make install    PREFIX, DESTDIR, BINDIR, MANDIR, DATADIR
#
# CC, CFLAGS, CPPFLAGS and LDFLAGS from the command line or the
# environment are honoured; libraries come from pkg-config.

VERSION	= 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share
MANDIR	?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d

CC	?= cc
CFLAGS	?= -O2 -g
PKG_CONFIG ?= pkg-config
PKGS	= yaml-0.1 libcmark libutf8proc jansson sqlite3
WARN	= -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lm \
	     -pthread
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
ALL_CPPFLAGS = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	  -DGLOSS_VERSION='"$(VERSION)"' \
	  -DGLOSS_DATADIR='"$(DATADIR)/gloss"' -DGLOSS_SRCDIR='"$(CURDIR)"' \
	  $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(PKG_CFLAGS) -pthread $(CFLAGS)

B	?= build
PROG	?= gloss

# The layers, bottom up: each module may use only those before it.
BASE_OBJS   = $(B)/util.o $(B)/utf8.o $(B)/escape.o $(B)/diag.o
# The markup reducer: its tools, HTML, the sites' generators, the driver.
MARKUP_MODS = $(B)/markup_scan.o $(B)/markup_html.o $(B)/markup_site.o \
	      $(B)/markup.o
TERM_OBJS   = $(BASE_OBJS) $(MARKUP_MODS) $(B)/term.o $(B)/field.o $(B)/md.o \
	      $(B)/lang.o $(B)/abbrev.o $(B)/names.o
TABLE_OBJS  = $(TERM_OBJS) $(B)/table.o
# The loader layer's files, bottom up too; loader.o is its public face.
LOADER_MODS = $(B)/readfile.o $(B)/walk.o $(B)/frontmatter.o \
	      $(B)/yaml_tree.o $(B)/schema_take.o $(B)/schema_desc.o \
	      $(B)/schema.o $(B)/siteconf.o $(B)/tval_pack.o $(B)/term_pack.o \
	      $(B)/index_build.o $(B)/index_paths.o $(B)/index_row.o $(B)/index.o \
	      $(B)/index_post.o $(B)/termfile.o $(B)/loader_post.o \
	      $(B)/loader.o $(B)/loadsnap.o $(B)/loadsnap_pick.o
LOADER_OBJS = $(TABLE_OBJS) $(LOADER_MODS)
# The index caches the loader's parse; it needs only the tree's type.
TVAL_OBJS   = $(BASE_OBJS) $(B)/term.o $(B)/tval_pack.o
INDEX_OBJS  = $(TVAL_OBJS) $(B)/index_build.o $(B)/index_paths.o $(B)/index_row.o \
	      $(B)/index.o $(B)/index_post.o
# The search layer, bottom up too: filter and editdist use nothing of
# it; suggest uses both; lookup falls back on suggest; query stems words;
# snippet (the only one to read Markdown) uses query; rank uses them all,
# and rank_post counts a query through the stored postings for it;
# links needs only the table.
SEARCH_OBJS = $(TABLE_OBJS) $(B)/filter.o $(B)/editdist.o $(B)/suggest.o \
	      $(B)/lookup.o $(B)/memo.o $(B)/query.o $(B)/snippet.o \
	      $(B)/post.o $(B)/rank_make.o $(B)/rank_post.o $(B)/rank.o \
	      $(B)/links.o
# Every src/render*.c is a format (or the interface): a new one needs no
# line here.
RENDER_OBJS = $(SEARCH_OBJS) $(B)/wrap.o \
	      $(patsubst src/%.c,$(B)/%.o,$(wildcard src/render*.c))
CLI_OBJS    = $(B)/main.o $(B)/commands.o $(B)/paths.o $(B)/cmd_show.o \
	      $(B)/cmd_list.o $(B)/cmd_categories.o $(B)/cmd_related.o \
	      $(B)/cmd_random.o $(B)/cmd_search.o $(B)/cmd_check.o \
	      $(B)/cmd_help.o $(B)/load.o $(B)/usage.o $(B)/tty.o \
	      $(B)/cmd_paths.o $(B)/load_report.o \
	      $(B)/facets.o $(B)/pager.o \
	      $(B)/editor.o $(B)/cmd_new.o $(B)/cmd_edit.o \
	      $(B)/config.o $(B)/settings.o
OBJS = $(sort $(RENDER_OBJS) $(LOADER_MODS) $(INDEX_OBJS) $(CLI_OBJS))

TESTS = $(B)/test_utf8 $(B)/test_diag $(B)/test_md $(B)/test_field \
	$(B)/test_frontmatter $(B)/test_yaml_tree $(B)/test_schema \
	$(B)/test_loader $(B)/test_table $(B)/test_editdist $(B)/test_links \
	$(B)/test_search $(B)/test_render $(B)/test_alloc $(B)/test_config \
	$(B)/test_markup $(B)/test_index \
	$(B)/test_abbrev $(B)/test_lang $(B)/test_term_pack $(B)/test_memo

DEB_PKGS = gcc make pkg-config libyaml-dev libcmark-dev libutf8proc-dev \
	   libjansson-dev libcmocka-dev libstemmer-dev python3 python3-yaml jq git \
	   libsqlite3-dev faketime

all: $(PROG)

$(PROG): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(B)/%.o: src/%.c include/*.h | $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/test_%.o: tests/test_%.c include/*.h tests/*.h | $(B)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -c -o $@ $<

$(B):
	mkdir -p $@

# The installed data directory is compiled in: rebuild when it changes.
$(B)/datadir.stamp: FORCE | $(B)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(B)/paths.o: $(B)/datadir.stamp
# The index keeps terms as this build's loader made them, so a change to
# any source (how the schema reads a key, say) makes the rows of other
# builds misses: a checksum of the sources is in every row's seal
# (src/loader.c, index_conf).
SRCSUM_CMD = cat src/*.c include/*.h | cksum | cut -d' ' -f1
$(B)/srcsum.stamp: FORCE | $(B)
	@$(SRCSUM_CMD) | cmp -s - $@ || $(SRCSUM_CMD) >$@
$(B)/loader.o: $(B)/srcsum.stamp
$(B)/loader.o: ALL_CPPFLAGS += -DGLOSS_SRCSUM='"$(shell cat $(B)/srcsum.stamp)"'
FORCE:

# Each unit test links only its module and what that may depend on: the
# link line proves the layering.
$(B)/test_utf8: $(B)/test_utf8.o $(BASE_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_diag: $(B)/test_diag.o $(BASE_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_frontmatter: $(B)/test_frontmatter.o $(BASE_OBJS) $(B)/frontmatter.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_yaml_tree: $(B)/test_yaml_tree.o $(TERM_OBJS) $(B)/yaml_tree.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_schema: $(B)/test_schema.o $(TERM_OBJS) $(B)/yaml_tree.o \
	    $(B)/schema_take.o $(B)/schema_desc.o $(B)/schema.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_loader: $(B)/test_loader.o $(LOADER_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_alloc: $(B)/test_alloc.o $(LOADER_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_field: $(B)/test_field.o $(TERM_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_table: $(B)/test_table.o $(TABLE_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_abbrev: $(B)/test_abbrev.o $(B)/abbrev.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(CMOCKA_LIBS)
$(B)/test_lang: $(B)/test_lang.o $(TERM_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_md: $(B)/test_md.o $(BASE_OBJS) $(B)/md.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_memo: $(B)/test_memo.o $(BASE_OBJS) $(B)/memo.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_editdist: $(B)/test_editdist.o $(B)/editdist.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_links: $(B)/test_links.o $(TABLE_OBJS) $(B)/links.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_search: $(B)/test_search.o $(SEARCH_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_index: $(B)/test_index.o $(INDEX_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_render: $(B)/test_render.o $(RENDER_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
# The term's packing, on what the loader parses, compared as JSON too.
$(B)/test_term_pack: $(B)/test_term_pack.o $(RENDER_OBJS) $(LOADER_MODS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
# The configuration file reads YAML and knows the format names.
$(B)/test_config: $(B)/test_config.o $(RENDER_OBJS) $(B)/readfile.o \
	    $(B)/yaml_tree.o $(B)/config.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)
$(B)/test_markup: $(B)/test_markup.o $(BASE_OBJS) $(MARKUP_MODS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CMOCKA_LIBS)

# The markup reducer on 1 MiB worst-shape files, under a hang guard.
$(B)/markup_run: tests/markup_run.c $(BASE_OBJS) $(MARKUP_MODS)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
check-markup: $(B)/markup_run
	@tests/markup-worst.sh $(B)/markup_run

# The index's harnesses (tests/index/) at full length; `make test' runs
# short ones (tests/index.sh).  INDEX_GLOSS runs them on another build
# (build/san/gloss, build/tsan/gloss).  ixcat is a stand-in gloss that
# caches whole files through the index, so that index-ixcat runs both
# harnesses on the index alone, and their self-tests show that they
# catch a stale cache.
STEPS	?= 10000
TRIALS	?= 1000
# The share of them that make sanitize and make tsan run on their
# checked builds (some 40 s each there).
SAN_STEPS  ?= 60
SAN_TRIALS ?= 6
check-index: $(PROG)
	@GLOSS=$(CURDIR)/$(PROG) INDEX_STEPS=$(SAN_STEPS) \
	  INDEX_TRIALS=$(SAN_TRIALS) tests/index.sh
INDEX_GLOSS ?= ./$(PROG)
$(B)/ixcat: tests/index/ixcat.c $(INDEX_OBJS) include/*.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ \
	  tests/index/ixcat.c $(INDEX_OBJS) $(PKG_LIBS)
index-diff: $(PROG)
	@python3 tests/index/mutate.py --gloss $(INDEX_GLOSS) --steps $(STEPS)
	@python3 tests/index/mutate.py --gloss $(INDEX_GLOSS) --steps $(STEPS) \
	  --future
index-faults: $(PROG)
	@python3 tests/index/faults.py --gloss $(INDEX_GLOSS) --trials $(TRIALS)
index-ixcat: $(B)/ixcat
	@python3 tests/index/mutate.py --gloss $(PROG) --self-test
	@python3 tests/index/faults.py --gloss $(PROG) --self-test
	@python3 tests/index/mutate.py --gloss $(B)/ixcat --steps $(STEPS) \
	  --settle 0.02
	@python3 tests/index/faults.py --gloss $(B)/ixcat --trials $(TRIALS)

# Install what the build and the tests need, when it is missing.
deps:
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "gloss: installing$$missing"; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing \
	    >/dev/null; \
	else \
	  echo "gloss: missing Debian packages:$$missing"; \
	  echo "run: sudo apt-get install$$missing"; exit 1; \
	fi

run: deps
	@$(MAKE) --no-print-directory gloss
	./gloss cross-sell

dev:
	$(MAKE) CFLAGS='-O2 -g -Werror'

# test_alloc replaces malloc, so it runs without valgrind.
check-unit: $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; \
	  case $$t in *test_alloc) ./$$t ;; *) $(VALGRIND) ./$$t ;; esac \
	  || exit 1; done

# The CLI's golden cases and the site glossaries' rows: each script runs
# its cases on every core (JOBS) and reports them in order; under make -j
# the two run side by side.  GOLDEN_SAMPLE=shapes runs one golden case
# per shape (tests/cli/run.sh).  SITE_SAMPLE=shapes runs one row per fixture
# and shape of command (tests/data/sites/run-expect.sh).
SITE_SAMPLE ?=
check-cli: check-golden check-sites
GOLDEN_SAMPLE ?=
check-golden: $(PROG)
	@GLOSS=$(CURDIR)/$(PROG) VALGRIND="$(VALGRIND)" SAMPLE="$(GOLDEN_SAMPLE)" \
	  tests/cli/run.sh
check-sites: $(PROG)
	@SKIPS=count SAMPLE="$(SITE_SAMPLE)" VALGRIND="$(VALGRIND)" \
	  tests/data/sites/run-expect.sh $(CURDIR)/$(PROG)

test: deps
	@$(MAKE) -s --no-print-directory $(PROG) $(TESTS) $(B)/markup_run
	@GLOSS=$(CURDIR)/$(PROG) tests/all.sh $(TESTS)

# The man page lists every diagnostic code, and only those.
check-doc:
	@tests/doc-codes.sh

check-install:
	@tests/install.sh

# Every shell example of README.md and doc/gloss.1, run and compared.
check-examples: $(PROG)
	@GLOSS=$(CURDIR)/$(PROG) tests/examples.sh

check-relevance: $(PROG)
	@GLOSS=$(CURDIR)/$(PROG) tests/relevance.sh

# The share of relevance queries whose expected term ranks first and in
# the top three (target: 85 % and 95 %).
relevance: $(PROG)
	@GLOSS=$(CURDIR)/$(PROG) tests/relevance.sh --report

# Checked builds live in their own build directories, beside the normal one.
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
      -fno-sanitize-recover=all
SANMAKE = $(MAKE) --no-print-directory B=build/san PROG=build/san/gloss \
	  CFLAGS='-O1 -g $(SAN)' LDFLAGS='$(SAN)'
sanitize: deps
	@$(SANMAKE) build/san/gloss
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1 $(SANMAKE) -Otarget check-unit \
	  check-cli check-markup check-index
asan: sanitize

# The parsing threads under ThreadSanitizer (clang).
tsan: fuzz-deps
	@$(MAKE) --no-print-directory B=build/tsan PROG=build/tsan/gloss \
	  CC=clang CFLAGS='-O1 -g -fsanitize=thread' \
	  LDFLAGS=-fsanitize=thread build/tsan/gloss
	@GLOSS=$(CURDIR)/build/tsan/gloss TSAN_OPTIONS=halt_on_error=1 \
	  tests/cli/run.sh
	@GLOSS=$(CURDIR)/build/tsan/gloss TSAN_OPTIONS=halt_on_error=1 \
	  INDEX_STEPS=$(SAN_STEPS) INDEX_TRIALS=$(SAN_TRIALS) tests/index.sh

# The unit tests and the CLI tests under valgrind, which finds what ASan
# does not (reads of uninitialised memory) in the optimised build.  A run
# under valgrind costs one to two seconds of CPU however small, so of the
# golden cases and site rows, which `make sanitize' runs in full, only
# samples: LEAK_GOLDEN=shapes runs each shape of command (subcommand,
# options, variables, terminal) with each exit status once (291 of 369
# cases), LEAK_SITES=commands each subcommand on each fixture once.  The
# unit tests run their loops and worst-case inputs smaller
# (GLOSS_TEST_QUICK, tests/testutil.h): valgrind looks for bad memory
# use, not for scale, and 1 MiB inputs took minutes.  Empty samples
# (make leakcheck LEAK_GOLDEN= LEAK_SITES=) run everything.  Reading
# the inlining records of the binary's debug information was some 15%
# of every short run (a warm `show' of data/, 1.72 -> 1.45 s): without
# them, a report names the function a frame was inlined into, and its
# line, not the inlined one.
LEAK_GOLDEN ?= shapes
LEAK_SITES ?= commands
leakcheck:
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(DEB_PKGS) valgrind'
	@$(MAKE) --no-print-directory $(PROG) $(TESTS)
	@GLOSS_TEST_QUICK=1 $(MAKE) --no-print-directory -Otarget check-unit \
	  check-cli GOLDEN_SAMPLE=$(LEAK_GOLDEN) SITE_SAMPLE=$(LEAK_SITES) \
	  VALGRIND='valgrind -q --read-inline-info=no --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99'

# libFuzzer targets (clang): the loader, the whole path, the query side.
FUZZ_CC	= clang
FB	= build/fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
# Every library module (the layers below the cli), so a new one needs no
# line here.
FUZZ_MODS = $(sort $(patsubst $(B)/%.o,%,$(RENDER_OBJS) $(LOADER_MODS) \
	    $(TVAL_OBJS)))
FUZZ_OBJS = $(FUZZ_MODS:%=$(FB)/%.o)
FUZZERS	= $(FB)/fuzz_loader $(FB)/fuzz_render $(FB)/fuzz_query \
	  $(FB)/fuzz_markup $(FB)/fuzz_tvalpack
SECONDS	?= 60
FUZZ_PKGS = clang libclang-rt-dev

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(DEB_PKGS) $(FUZZ_PKGS)'

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZERS)

$(FB)/%.o: src/%.c include/*.h
	@mkdir -p $(FB)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(PKG_CFLAGS) -g -O1 \
	  -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

$(FB)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(PKG_CFLAGS) -g -O1 \
	  -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

# Run each fuzzer for SECONDS on the committed corpus (fuzz/run.sh).
fuzz-run: fuzz
	@SECONDS_PER_TARGET=$(SECONDS) fuzz/run.sh

# make bench: gloss against cat, grep and the libyaml floor (bench/).
bench/gen: bench/gen.c
	$(CC) -O2 -o $@ bench/gen.c
bench/floor: bench/floor.c
	$(CC) -O2 $(PKG_CFLAGS) -o $@ bench/floor.c $(PKG_LIBS)
bench/parts: bench/parts.c
	$(CC) -O2 -o $@ bench/parts.c
bench: $(PROG) bench/gen bench/floor bench/parts
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(DEB_PKGS) hyperfine time'
	@bench/run.sh

# Instruction counts (callgrind): repeatable on a busy machine; compare
# builds with bench/instr.sh ./gloss OTHER/gloss.
bench-instr: $(PROG) bench/gen
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(DEB_PKGS) valgrind'
	@bench/instr.sh ./gloss

# The YAML differential test (tests/yamldiff/README.md): N random files
# per seed through gloss and through a reference model of SPEC 1. Not part
# of `make test` until issue 11's fixes land.  ONLY=issue11 does not count
# the kinds of issue 10 (run.py --only).
N	?= 500
SEED	?= 1
YAMLDIFF_PY ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || \
	  echo python3)
yamldiff: deps
	@$(MAKE) --no-print-directory $(PROG)
	@$(YAMLDIFF_PY) tests/yamldiff/test_model.py
	@st=0; $(YAMLDIFF_PY) tests/yamldiff/run.py --gloss ./$(PROG) \
	  -n $(N) $(foreach s,$(SEED),--seed $(s)) \
	  $(if $(ONLY),--only $(ONLY)) || st=1; \
	$(YAMLDIFF_PY) tests/yamldiff/run.py --gloss ./$(PROG) \
	  --cases tests/yamldiff/cases $(if $(ONLY),--only $(ONLY)) || st=1; \
	exit $$st

# The CI version: 500 files and the regression files, every kind counted
# (YAMLDIFF_ONLY='--only issue11' narrows it to the YAML value kinds).
YAMLDIFF_ONLY ?=
yamldiff-ci: deps
	@$(MAKE) --no-print-directory $(PROG)
	@$(YAMLDIFF_PY) tests/yamldiff/test_model.py
	@st=0; $(YAMLDIFF_PY) tests/yamldiff/run.py --gloss ./$(PROG) \
	  -n 500 --seed 1 $(YAMLDIFF_ONLY) || st=1; \
	$(YAMLDIFF_PY) tests/yamldiff/run.py --gloss ./$(PROG) \
	  --cases tests/yamldiff/cases $(YAMLDIFF_ONLY) || st=1; exit $$st

format:
	clang-format -i src/*.c include/*.h tests/*.c tests/index/*.c fuzz/*.c

format-check:
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(DEB_PKGS) clang-format'
	clang-format --dry-run --Werror src/*.c include/*.h tests/*.c tests/index/*.c \
	  fuzz/*.c

# clang-tidy one file per target, so that make -j runs them side by side;
# a file's stamp stays until it, a header or .clang-tidy changes.
TIDY_STAMPS = $(patsubst src/%.c,$(B)/tidy/%.ok,$(wildcard src/*.c))
lint:
	@$(MAKE) --no-print-directory deps \
	  DEB_PKGS='$(DEB_PKGS) cppcheck clang-tidy clang-format'
	@$(MAKE) --no-print-directory -Otarget cppcheck tidy
# cppcheck is one process: under make -j it runs beside clang-tidy's.
cppcheck:
	cppcheck -q --error-exitcode=1 --enable=warning,portability \
	  --inline-suppr -Iinclude src
tidy: $(TIDY_STAMPS)
$(B)/tidy/%.ok: src/%.c include/*.h .clang-tidy
	@mkdir -p $(B)/tidy
	clang-tidy -quiet $< -- $(ALL_CPPFLAGS) $(PKG_CFLAGS) 2>/dev/null
	@touch $@

install: $(PROG)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/gloss
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/gloss
	# The page names the data directory of this PREFIX, not the default.
	[ ! -f doc/gloss.1 ] || { sed -e 's|^\.Pa /usr/local/share/gloss \.$$|.Pa $(DATADIR)/gloss .|' \
	  -e 's|^\.It Pa /usr/local/share/gloss/$$|.It Pa $(DATADIR)/gloss/|' \
	  doc/gloss.1 >$(DESTDIR)$(MANDIR)/man1/gloss.1 && \
	  chmod 644 $(DESTDIR)$(MANDIR)/man1/gloss.1; }
	cp -R data/. $(DESTDIR)$(DATADIR)/gloss/
	if [ -d completions ]; then \
	  install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR); \
	  install -m 644 completions/gloss.bash $(DESTDIR)$(BASHCOMPDIR)/gloss; \
	  install -m 644 completions/_gloss $(DESTDIR)$(ZSHCOMPDIR)/_gloss; \
	  install -m 644 completions/gloss.fish $(DESTDIR)$(FISHCOMPDIR)/gloss.fish; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gloss $(DESTDIR)$(MANDIR)/man1/gloss.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/gloss $(DESTDIR)$(ZSHCOMPDIR)/_gloss \
	  $(DESTDIR)$(FISHCOMPDIR)/gloss.fish
	# Only the bundled files, by name: a team's own files stay, and so do
	# the directories that still hold them.
	cd data && find . -type f | while IFS= read -r f; do \
	  rm -f "$(DESTDIR)$(DATADIR)/gloss/$$f"; done; \
	find . -mindepth 1 -depth -type d | while IFS= read -r d; do \
	  rmdir "$(DESTDIR)$(DATADIR)/gloss/$$d" 2>/dev/null || :; done; \
	rmdir "$(DESTDIR)$(DATADIR)/gloss" 2>/dev/null || :

clean:
	rm -rf $(B) gloss bench/gen bench/floor bench/parts

.PHONY: check-golden check-sites check-index cppcheck tidy index-diff index-faults index-ixcat yamldiff yamldiff-ci tsan bench bench-instr fuzz fuzz-deps fuzz-run FORCE all deps run dev test check-unit check-cli check-install check-doc check-markup \
	check-relevance check-examples relevance sanitize asan leakcheck \
	format format-check lint install uninstall clean
