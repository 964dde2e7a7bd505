# Thin targets; the logic lives in Go.
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build piao test vet fmt-check golden serve check clean bench fuzz browser

# Build the example site from content/ into public/.
build: piao
	./bin/piao build -s . -d public

piao:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/piao ./cmd/piao

# Preview the example site at http://127.0.0.1:1313/, rebuilt on every save.
serve: piao
	./bin/piao serve -s .

# Every test: formatting, vet, and the Go tests.
test: fmt-check vet browser
	$(GO) test -count=1 ./...

# Benchmarks of piao serve at 1,000 and 10,000 sheets: the time from saving a sheet to the
# reload event, and the full build into memory it does when it starts.
bench:
	$(GO) test -run=NONE -bench=EditToReload -benchtime=20x -timeout=30m ./builder/serve/
	$(GO) test -run=NONE -bench=FirstBuild -benchtime=3x -timeout=30m ./builder/serve/

# The browser tests need Chromium; install it only when it is missing.
browser:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Rewrite the golden copies of the example pages after an intended change.
golden:
	$(GO) test ./builder -run TestGolden -update

clean:
	rm -rf public bin
