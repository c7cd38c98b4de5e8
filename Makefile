# The two commands of the README's quick start. Both install what is
# missing (apt-get, via sudo when not root) before building.
#
#   make run     build and launch Sightline
#   make check   build and run every test, then the unit tests under ASan/UBSan
#   make fuzz    run each libFuzzer target for FUZZ_SECONDS (default 60)

BUILD ?= _build
FUZZ_BUILD ?= _build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all run check deps build clean

all: build

deps:
	@build-aux/install-deps.sh

build: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD)
	meson compile -C $(BUILD)

# SIGHTLINE_DEMO_PROJECT: the demo the build made, for "Open Demo Project"
# before installation (sl_demo_ensure_user_project()); the demo itself is
# opened directly.
run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data SIGHTLINE_DEMO_PROJECT=$(BUILD)/app/cli/demo.sightline \
	  $(BUILD)/app/ui/sightline $(BUILD)/app/cli/demo.sightline

check:
	@build-aux/install-deps.sh --tests
	@BUILD=$(BUILD) build-aux/check.sh

.PHONY: fuzz

# A separate clang build with libFuzzer, ASan and UBSan (docs/testing.md).
fuzz:
	@build-aux/install-deps.sh --tests
	@test -f $(FUZZ_BUILD)/build.ninja || CC=clang meson setup $(FUZZ_BUILD) -Dfuzzing=true
	meson compile -C $(FUZZ_BUILD) fuzzers
	FUZZ_SECONDS=$(FUZZ_SECONDS) meson test -C $(FUZZ_BUILD) --suite fuzz --no-rebuild --print-errorlogs
	@cat $(FUZZ_BUILD)/tests/fuzz/*/summary.txt

clean:
	rm -rf $(BUILD) _build-asan $(FUZZ_BUILD)
