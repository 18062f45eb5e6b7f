# The two commands of the README. Both install what they need.
.PHONY: demo test bench bench-matching bench-submissions

## Run Cohorte with the demo (SQLite in var/, the EIG data loaded): http://127.0.0.1:8080
demo:
	bash scripts/demo.sh

## Run every test: lints, SQLite and PostgreSQL, browser tests in Chromium with axe-core.
test:
	bash scripts/test.sh

## Throughput and p99 of Cohorte against nginx serving the same pages (release build, wrk).
bench:
	bash bench/run.sh

## Stable matching: Cohorte's deferred acceptance against a plain-Python one on the same instance.
bench-matching:
	cargo bench -p cohorte-domain --bench matching

## Deadline rush: 64 candidates submitting with a CV over HTTP, SQLite then PostgreSQL.
bench-submissions:
	TEST_DATABASE_URL=$$(bash scripts/postgres.sh) cargo bench -p cohorte-web --bench submissions; s=$$?; bash scripts/postgres.sh stop; exit $$s
