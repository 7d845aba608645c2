#!/usr/bin/env bash
# Writes the seed corpus of the `load` target: each example file, prefixed with
# the byte that makes the target put it back in its place.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/load
files=(paraat.ron checklist.ron selfcheck.ron plan.ron risks.ron processes.ron contacts.ron backups.ron private/contacts.ron incidents/2025-06-12-tabletop-ransomware.ron)
for i in "${!files[@]}"; do
    name=$(echo "${files[$i]}" | tr / _)
    { printf "$(printf '\\%03o' "$i")"; cat "../data/example/${files[$i]}"; } > "corpus/load/$name"
done
echo "wrote ${#files[@]} seeds to fuzz/corpus/load"
