# Casebook build entry points. GNU make; GOFLAGS is taken from the environment.

GO ?= go
BINARY := casebook
# The ui package under the race detector is the longest (about 38 min on the
# 2-core machine while other builds ran, December 2026): a margin above it.
TEST_TIMEOUT ?= 60m

# Fyne's desktop driver (GLFW) and the race detector both need cgo.
export CGO_ENABLED := 1

.PHONY: all deps-build deps-test deps-screenshot build run check-display test vet fmt-check bench export-bench screenshot faults faults-short clean

all: build

deps-build:
	bash scripts/deps.sh build

deps-test:
	bash scripts/deps.sh test

deps-screenshot:
	bash scripts/deps.sh screenshot

build: deps-build
	$(GO) build -o $(BINARY) ./app

# Starts the GUI on the default database.
run: check-display build
	./$(BINARY)

check-display:
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "make run: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)." >&2; \
		echo "Run it under a desktop session, or try it headless with: xvfb-run ./$(BINARY)" >&2; \
		exit 1; \
	fi

# GUI tests use Fyne's test driver, so go test needs no X server.
# The short fault suites close it (skipped with a note when not root).
test: deps-test
	@$(MAKE) --no-print-directory vet fmt-check
	$(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) ./...
	FAULTS_SKIP_UNLESS_ROOT=1 bash scripts/faults.sh --short

vet:
	$(GO) vet ./...

fmt-check:
	@unformatted="$$(gofmt -l .)"; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt: these files need formatting (run gofmt -w):" >&2; \
		echo "$$unformatted" >&2; \
		exit 1; \
	fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./data/... ./pdf

# 100,000 demo cases to XLSX in at most 15 s, read back with every row (README, Speed).
export-bench:
	CASEBOOK_LONG=1 $(GO) test -count=1 -v -timeout 30m -run 'TestExportCases100k' ./app/service

screenshot: deps-screenshot build
	bash scripts/screenshot.sh ./$(BINARY) docs/screenshot.png

# The fault suites (scripts/faults.sh; README "Fault suites"): the real binary
# against a real Dovecot and Postfix on loopback. Need root. faults-short is
# the short run (20 kills, 20 cuts, every hostile case once); faults the long
# one (200 kills, 100 cuts). Exit 1 when a suite fails.
faults:
	bash scripts/faults.sh --long

faults-short:
	bash scripts/faults.sh --short

clean:
	rm -f $(BINARY)
