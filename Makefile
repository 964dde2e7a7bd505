# Thin targets; the logic lives in Go.
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# Without the symbol table and DWARF, as make release builds what offices
# download (cmd/piaorelease): the binary make bench measures is the one
# that ships (7 of 25 MB less, read whole at a clean build for its digest).
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: build piao test vet fmt-check golden serve check clean bench bench-deps fuzz browser browser-deps import-fixtures office rdf-deps ntfs cross release release-check test-wine wine-deps

# Build the example site from content/ into public/.
build: piao
	./bin/piao build -s . -d public

piao:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o bin/piao ./cmd/piao

# Preview the example site at http://127.0.0.1:1313/, rebuilt on every save.
serve: piao
	./bin/piao serve -s .

# Every test: formatting, vet, and the Go tests (the browser suite included).
test: fmt-check vet browser-deps rdf-deps ntfs
	$(GO) test -count=1 -timeout 30m ./...
	$(GO) test -count=1 -tags piao_renames ./builder/publish

# rdflib, the RDF library of dati.gov.it's harvester, reads the catalogue
# in the tests: Debian's python3-rdflib, installed only when missing.
rdf-deps:
	@/usr/bin/python3 -c 'import rdflib' 2>/dev/null || { apt-get update && apt-get install -y python3-rdflib; }

# What the browser suite needs: Chromium, Java and poppler-utils (to read
# the printed plan's PDF) from Debian (installed only when missing), axe-core and the Nu HTML Checker from npm into .tools/,
# with rdf-validate-shacl for the catalogue's SHACL test.
browser-deps: browser .tools/node_modules/.installed

# ntfs-3g from Debian, for the tests on a real NTFS volume mounted with
# Windows' rules for names (FUSE, as root), installed only when missing.
ntfs:
	@command -v lowntfs-3g >/dev/null && command -v mkntfs >/dev/null || { apt-get update && apt-get install -y ntfs-3g; }

browser:
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y chromium; }
	@command -v java >/dev/null || { apt-get update && apt-get install -y default-jre-headless; }
	@command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || { apt-get update && apt-get install -y poppler-utils; }

.tools/node_modules/.installed: .tools/package.json .tools/package-lock.json
	cd .tools && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Benchmarks (under ten minutes): piao build and piao check as whole
# processes on synthetic sites of 100 to 50,000 sheets, the search index,
# piao serve's edit-to-reload latency and a profile of the build; writes
# docs/performance.md and docs/performance.svg. The stages alone, to
# compare with benchstat: go test -run '^$$' -bench Stage -count 6 ./builder
bench: piao bench-deps
	@command -v node >/dev/null || { echo "make bench needs Node.js: the search probe runs the site's own script"; exit 1; }
	$(GO) run ./cmd/piaobench -piao bin/piao

# What make bench compares piao with, on the same sheets: Hugo from
# Debian and Pagefind from npm into .tools/bench/, installed only when missing.
bench-deps: .tools/bench/node_modules/.installed
	@command -v hugo >/dev/null || { apt-get update && apt-get install -y hugo; }

.tools/bench/node_modules/.installed: .tools/bench/package.json .tools/bench/package-lock.json
	cd .tools/bench && npm ci --no-audit --no-fund
	touch $@


fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Check the example site: every rule, nothing written.
check: piao
	./bin/piao check -s .

# Fuzz each target for FUZZTIME; a crasher lands in builder/testdata/fuzz/
# (commit it: it becomes a test). The seed corpora run in every `make test`.
FUZZTIME ?= 20s
FUZZ_TARGETS := FuzzLoadSheet FuzzLoadPlan FuzzFrontMatter FuzzValues FuzzNormalizeText FuzzMarkdown FuzzMarkdownMinify FuzzRenderSheet
# The importer's readers (crashers land in builder/importa/testdata/fuzz/).
IMPORT_FUZZ_TARGETS := FuzzReadDocx FuzzReadODF FuzzReadXlsx
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test ./builder -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done
	@for t in $(IMPORT_FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test ./builder/importa -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s || exit 1; \
	done

# Rewrite the importer's fixtures (builder/importa/testdata/annex/ and the
# seed corpora): the example's annex laid out as flat OpenDocument and
# converted by LibreOffice, installed from Debian when missing. The tests
# read the committed files: only this target needs LibreOffice.
import-fixtures: office
	$(GO) run ./cmd/piaofixtures -o builder/importa/testdata/annex

office:
	@command -v soffice >/dev/null || { apt-get update && apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui; }
	@/usr/bin/python3 -c 'import uno' 2>/dev/null || { apt-get update && apt-get install -y python3-uno; }

# Rewrite the golden copies of the example pages after an intended change.
golden:
	$(GO) test ./builder -run "TestGolden|TestSchemaFiles" -update

clean:
	rm -rf public bin screenshots

# The systems an office uses: piao cross-built for each, every package
# vetted (the tools beside piao too: make bench's included), and the
# tests of piao's compiled (the Windows-only and macOS-only ones included;
# they run only there), into a temporary folder removed afterwards.
CROSS_TARGETS := windows/amd64 windows/arm64 darwin/arm64 darwin/amd64
CROSS_PKGS := . ./builder/... ./cmd/piao
cross:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	for t in $(CROSS_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; out=$$tmp/$$os-$$arch; mkdir -p $$out; \
		echo "cross $$t: build, vet, test -c"; \
		GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -o $$out/ ./cmd/piao || exit 1; \
		GOOS=$$os GOARCH=$$arch $(GO) vet ./... || exit 1; \
		for p in $$($(GO) list $(CROSS_PKGS)); do \
			GOOS=$$os GOARCH=$$arch $(GO) test -c -o $$out/$$(echo $$p | tr / _).test $$p >/dev/null || exit 1; \
		done; \
	done

# piao's Windows code run under Wine 8 (not Windows: the issue-20 note
# says what Wine cannot prove): the Windows test binaries of builder/publish,
# and piao.exe building the example (the same bytes as on Linux), building
# again, two builds at once and a build killed midway. See .ci/wine/run.
test-wine: wine-deps
	bash .ci/wine/run

# Wine, and MinGW for the one DLL Wine 8 lacks, from Debian, only when missing.
wine-deps:
	@command -v wine >/dev/null && command -v x86_64-w64-mingw32-gcc >/dev/null || { apt-get update && apt-get install -y wine64 gcc-mingw-w64-x86-64-win32; }

# The release: dist/piao-VERSION-OS-ARCH.zip for each system an office uses
# and linux/amd64 (the binary and an Italian LEGGIMI.txt), and SHA256SUMS.
# The zips' time is the last commit's: the same commit and VERSION give
# the same bytes (with the same Go). make release VERSION=v1.0.0
release:
	rm -rf dist
	$(GO) run ./cmd/piaorelease -version "$(VERSION)" -time "$$(git log -1 --format=%ct 2>/dev/null || echo 0)" -out dist

# Proves the release reproducible: built from two clean clones of HEAD in
# two folders, the second with an empty build cache, it has the same bytes.
release-check:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	git clone -q . "$$tmp/a" && git clone -q . "$$tmp/b/un altro percorso" && \
	$(MAKE) -s -C "$$tmp/a" release VERSION=$(VERSION) >/dev/null && \
	GOCACHE="$$tmp/cache" $(MAKE) -s -C "$$tmp/b/un altro percorso" release VERSION=$(VERSION) >/dev/null && \
	diff -r "$$tmp/a/dist" "$$tmp/b/un altro percorso/dist" && \
	cat "$$tmp/a/dist/SHA256SUMS" && echo "release $(VERSION) of $$(git -C "$$tmp/a" rev-parse --short HEAD): the same bytes from both clones"
