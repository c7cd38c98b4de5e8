# The two commands of the README's quick start. Both install what is
# missing (apt-get, via sudo when not root) before building.
#
#   make run     build and launch Sightline
#   make check   build and run every test, then the unit tests under ASan/UBSan

BUILD ?= _build

.PHONY: all run check deps build clean

all: build

deps:
	@build-aux/install-deps.sh

build: deps
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD)
	meson compile -C $(BUILD)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILD)/data $(BUILD)/app/ui/sightline

check:
	@build-aux/install-deps.sh --tests
	@BUILD=$(BUILD) build-aux/check.sh

clean:
	rm -rf $(BUILD) _build-asan
