#!/usr/bin/env bash
# After `mvn package`: build class-data archives for the short-lived tools (calicoctl, the CNI
# plugin) so they start fast. Each tool's archive script lives beside its module.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
for s in "$root"/*/src/main/scripts/build-cds.sh; do
  [[ -x "$s" ]] && "$s"
done
exit 0
