# Golden Thread: the two commands are `make run` and `make test`.
GO ?= go
SASS = node_modules/.bin/sass
BUILD = internal/web/static/build

.PHONY: run test assets bench bench-quick fuzz build vet clean

## run: build the assets and start Golden Thread on http://localhost:8080 with SQLite under ./data and a demo council
run: assets
	$(GO) run ./cmd/goldenthread serve --demo

## test: every unit, storage (SQLite and PostgreSQL) and browser test
test: assets
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 12m ./...

## assets: GOV.UK Frontend compiled with council branding (Arial, no GOV.UK crown or font)
assets: $(BUILD)/app.css

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(BUILD)/app.css: node_modules/.package-lock.json internal/web/scss/app.scss
	mkdir -p $(BUILD)
	$(SASS) --style=compressed --no-source-map --pkg-importer=node internal/web/scss/app.scss $(BUILD)/app.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(BUILD)/
	cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css $(BUILD)/

## fuzz: every fuzz test for a few seconds each (FUZZTIME=30s for longer); CI runs it after make test
fuzz:
	bash .ci/fuzz

## bench: load the synthetic council and measure pages against their SQL (never part of make test)
bench: assets
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 90m ./internal/app/ | tee bench-results.txt

## bench-quick: the same benchmarks on a small council for 2 s a page, to prove they still run (CI runs it after make test)
bench-quick: assets
	GT_BENCH_PEOPLE=300 GT_BENCH_SERVICES=400 GT_BENCH_STAFF=200 GT_BENCH_SECONDS=2 GT_BENCH_MIXED_PEOPLE=300 GT_BENCH_RATES=50 $(GO) test -run '^$$' -bench . -benchtime 1x -timeout 20m ./internal/app/

build: assets
	$(GO) build -o bin/goldenthread ./cmd/goldenthread

clean:
	rm -rf $(BUILD) bin
