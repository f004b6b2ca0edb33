#!/usr/bin/env bash
# Regenerates the report pages shown in docs/reports.md from the example assessment, so that the
# pictures are never kept by hand: run it after a change to the report or to the example.
# Needs pdftoppm and pdftotext (Debian: poppler-utils). Usage: docs/img/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet -- report assessments/northwind-2026.toml --pdf "$out/report.pdf" --csv "$out/csv" >/dev/null
pages=$(pdfinfo "$out/report.pdf" | awk '/^Pages:/ {print $2}')
# The first page whose text has a line matching $1, followed by one matching $2 (if given).
page_of() {
  for ((i = 1; i <= pages; i++)); do
    if pdftotext -f "$i" -l "$i" "$out/report.pdf" - | grep -A1 -- "$1" | grep -q -- "${2:-.}"; then
      echo "$i"
      return
    fi
  done
  echo "no page has '$1'" >&2
  exit 1
}
shot() { # NAME PAGE
  pdftoppm -png -r 70 -singlefile -f "$2" -l "$2" "$out/report.pdf" "docs/img/$1"
}
rm -f docs/img/report-*.png
shot report-cover 1
shot report-summary "$(page_of '^Executive summary')"
shot report-profile "$(page_of 'Capability profile$')"
shot report-process "$(page_of '^ISMS.CORE.3 Information security risk assessment$' '^Core processes$')"
shot report-plan "$(page_of 'Recommendations and improvement plan')"
ls -l docs/img/report-*.png
