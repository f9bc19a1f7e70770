# SPOC Field — `make run` and `make test` are the whole set-up on a fresh machine: each installs what
# is missing first (see ../shared/toolchain.md for why each tool comes from where it does).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

WASM_BINDGEN_VERSION := 0.2.130
TRUNK_VERSION := 0.21.14
SCHEMATHESIS_VERSION := 4.32.5
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
export WASM_BINDGEN_TEST_TIMEOUT ?= 180
export CARGO_TERM_COLOR ?= never

LISTEN ?= 127.0.0.1:8080
DATABASE_URL ?= sqlite://data/spoc.db

.PHONY: run test tools app desk test-core-desk test-api test-browser test-e2e bench fmt lint clean

## Build the app in release mode and start the desk with it on http://$(LISTEN).
run: tools app
	cargo run --release -p spoc-desk -- --listen $(LISTEN) --database-url $(DATABASE_URL) --app-dir dist

## Every test: core and desk (native), the app's store in headless Chromium, then end to end.
test: tools test-core-desk test-api test-browser app test-e2e

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)" \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked --force
	@[ -x "$(CHROMIUM)" ] && [ -x "$(CHROMEDRIVER)" ] \
	  || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; }
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] \
	  || npm ci --no-audit --no-fund
	@st --version 2>/dev/null | grep -q " $(SCHEMATHESIS_VERSION)" \
	  || pip install --quiet "schemathesis==$(SCHEMATHESIS_VERSION)"

## The field app, release build, into dist/ (Trunk runs wasm-bindgen and wasm-opt from PATH).
# The field app into dist/, then the desk's bundle (the same app with its desk views) into dist/desk/.
# The field build empties dist/, so it goes first.
app:
	trunk build --release
	trunk build desk.html --release --dist dist/desk --public-url /desk/

test-core-desk:
	cargo test --workspace --exclude spoc-field

## The OpenAPI document stays true: schemathesis against a real desk, signed out and as each role.
test-api:
	cargo build -p spoc-desk
	tools/api-conformance.sh

test-browser:
	cargo test --target wasm32-unknown-unknown -p spoc-field --features desk

## End to end: Playwright drives Chromium against the real desk (debug build) serving dist/.
test-e2e:
	cargo build -p spoc-desk
	node --test --test-concurrency=1 tests/e2e/

## Benchmarks: bundle size, submit latency, outbox drain. Figures go into the README.
bench: tools app
	trunk build --release --features bench --dist dist-bench
	cargo build --release -p spoc-desk
	node bench/run.mjs

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --exclude spoc-field --all-targets -- -D warnings
	cargo clippy -p spoc-field --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p spoc-field --target wasm32-unknown-unknown --all-targets --features desk -- -D warnings

clean:
	rm -rf dist dist-bench target data
