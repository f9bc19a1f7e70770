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
# Firefox and WebKit, driven over WebDriver like Chromium (tests/webdriver/).
GECKODRIVER_BIN ?= $(HOME)/.cargo/bin/geckodriver
WEBKITDRIVER ?= /usr/bin/WebKitWebDriver
FIREFOX ?= /usr/bin/firefox-esr
export WASM_BINDGEN_TEST_TIMEOUT ?= 180
export CARGO_TERM_COLOR ?= never

LISTEN ?= 127.0.0.1:8080
DATABASE_URL ?= sqlite://data/spoc.db
# The key-encryption key that wraps the desk's seal keys. `make run` makes one here if there is none
# (for the embedded SQLite default; a production desk is given its own, see README "Deployment").
SEAL_KEK_FILE ?= data/seal.kek
PG_BIN ?= /usr/lib/postgresql/15/bin

.PHONY: run test tools browsers postgres app desk test-core-desk test-desk-postgres test-api test-browser test-e2e test-webdriver bench bench-desk fmt lint clean

## Build the app in release mode and start the desk with it on http://$(LISTEN).
run: tools app $(SEAL_KEK_FILE)
	cargo run --release -p spoc-desk -- --listen $(LISTEN) --database-url $(DATABASE_URL) --app-dir dist \
	  --seal-kek-file $(SEAL_KEK_FILE)

# 32 random bytes, base64, readable by its owner only (what `spoc-desk key make-kek` prints).
$(SEAL_KEK_FILE):
	mkdir -p $(dir $@)
	umask 077 && head -c 32 /dev/urandom | base64 > $@
	@echo "made a key-encryption key for the seal keys in $@ (keep it apart from backups of the database)"

## Every test: core and desk (native; the desk's suite on SQLite, then again on a throwaway
## PostgreSQL), the API against its OpenAPI document, the browser tests in Chromium, Firefox and
## WebKit, then end to end (Playwright in Chromium; the core journeys over WebDriver in all three).
test: tools browsers test-core-desk test-desk-postgres test-api test-browser app test-e2e test-webdriver

tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)" \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked --force
	@[ -x "$(CHROMIUM)" ] && [ -x "$(CHROMEDRIVER)" ] \
	  || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; }
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/selenium-webdriver ] \
	  && [ -d node_modules/terser ] && [ -d node_modules/@axe-core/playwright ] \
	  || npm ci --no-audit --no-fund
	@st --version 2>/dev/null | grep -q " $(SCHEMATHESIS_VERSION)" \
	  || pip install --quiet "schemathesis==$(SCHEMATHESIS_VERSION)"

## Firefox ESR + geckodriver and WebKitGTK + WebKitWebDriver (with Xvfb: WebKitGTK has no headless
## mode), and openssl for the test's own TLS certificate.
browsers:
	@[ -x "$(FIREFOX)" ] && [ -x "$(WEBKITDRIVER)" ] && command -v Xvfb >/dev/null && command -v openssl >/dev/null \
	  || { $(SUDO) apt-get update && $(SUDO) apt-get install -y firefox-esr webkit2gtk-driver xvfb openssl; }
	@[ -x "$(GECKODRIVER_BIN)" ] || cargo install geckodriver --locked

## The field app, release build, into dist/ (Trunk runs wasm-bindgen and wasm-opt from PATH).
# The field app into dist/, then the desk's bundle (the same app with its desk views) into dist/desk/.
# The field build empties dist/, so it goes first.
app:
	trunk build --release
	trunk build desk.html --release --dist dist/desk --public-url /desk/

test-core-desk:
	cargo test --workspace --exclude spoc-field

## The same desk test binaries (no second build) against a throwaway PostgreSQL 15 cluster that
## tools/with-postgres.sh starts in a temp directory on a unix socket and removes afterwards.
test-desk-postgres: postgres
	SPOC_TEST_ENGINE=postgres SPOC_PG_BIN=$(PG_BIN) tools/with-postgres.sh cargo test -p spoc-desk

## Debian's PostgreSQL 15 server binaries (only its binaries are used: no cluster of the package's own).
postgres:
	@[ -x $(PG_BIN)/postgres ] && [ -x $(PG_BIN)/pg_basebackup ] \
	  || { $(SUDO) apt-get update && $(SUDO) apt-get install -y postgresql-15; }

## The OpenAPI document stays true: schemathesis against a real desk, signed out and as each role.
test-api:
	cargo build -p spoc-desk
	tools/api-conformance.sh

## The same compiled wasm test binaries, run three times: the runner picks its driver from the
## environment (GECKODRIVER before SAFARIDRIVER before CHROMEDRIVER), so each run unsets the others.
WASM_TEST := cargo test --target wasm32-unknown-unknown -p spoc-field --features desk
# The drivers leave each browser profile behind in TMPDIR (about 90 MB per test binary): each run gets
# a temporary directory of its own, removed when it ends, pass or fail.
test-browser:
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  env -u GECKODRIVER -u SAFARIDRIVER TMPDIR=$$tmp $(WASM_TEST)
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  env -u SAFARIDRIVER GECKODRIVER=$(GECKODRIVER_BIN) TMPDIR=$$tmp \
	  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver/wasm-firefox.json $(WASM_TEST)
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	  env -u GECKODRIVER SAFARIDRIVER=$(WEBKITDRIVER) TMPDIR=$$tmp tests/webdriver/with-xvfb.sh $(WASM_TEST)

## End to end: Playwright drives Chromium against the real desk (debug build) serving dist/.
test-e2e:
	cargo build -p spoc-desk
	node --test --test-concurrency=1 tests/e2e/

## The core journeys over W3C WebDriver in Chromium, Firefox and WebKit (SPOC_ENGINES to pick).
test-webdriver:
	cargo build -p spoc-desk
	GECKODRIVER=$(GECKODRIVER_BIN) SAFARIDRIVER=$(WEBKITDRIVER) FIREFOX=$(FIREFOX) \
	  node --test --test-concurrency=1 tests/webdriver/

## Benchmarks: bundle size, submit latency, outbox drain, then the desk at national scale. Figures go
## into the README.
bench: tools app
	trunk build --release --features bench --dist dist-bench
	cargo build --release -p spoc-desk
	node bench/run.mjs
	$(MAKE) bench-desk

## The desk at national scale (issue 12: ingest through one and two desks, the journal head, live
## events across desks, the inbox and lookups at 100,000 captures; issue 17: the 3-hop link graph and
## the charts page at that size): on SQLite, then on a throwaway
## PostgreSQL 15 with its durability settings on.
bench-desk: postgres
	cargo build --release -p spoc-desk --example scale_bench
	target/release/examples/scale_bench
	SPOC_TEST_ENGINE=postgres SPOC_PG_DURABLE=1 SPOC_PG_BIN=$(PG_BIN) tools/with-postgres.sh \
	  target/release/examples/scale_bench

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --exclude spoc-field --all-targets -- -D warnings
	cargo clippy -p spoc-field --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p spoc-field --target wasm32-unknown-unknown --all-targets --features desk -- -D warnings

clean:
	rm -rf dist dist-bench target data
