#!/usr/bin/env bash
# Runs the Nu HTML checker (vnu.jar from the npm package vnu-jar, on a JRE) over a folder of HTML
# pages, as written by the tests with COHORTE_HTML_DUMP=<folder>. Fails on any error, printing
# each with its file (named after the page's address and language) and message.
#   COHORTE_HTML_DUMP=/tmp/pages cargo nextest run -p cohorte-web && bash scripts/html-check.sh /tmp/pages
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: scripts/html-check.sh <folder of HTML pages>}
pages=$(find "$dir" -maxdepth 1 -name '*.html' | wc -l)
if [ "$pages" -eq 0 ]; then
  echo "no HTML page in $dir (were the tests run with COHORTE_HTML_DUMP=$dir?)" >&2
  exit 1
fi
if ! java -Xss4m -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --format gnu --skip-non-html "$dir"; then
  echo "the Nu HTML checker found errors in the pages above ($pages pages checked)" >&2
  exit 1
fi
echo "$pages distinct HTML pages checked by the Nu HTML checker: no error"
