#!/usr/bin/env bash
# After `mvn package`: build class-data archives for the short-lived tools (calicoctl, the CNI
# plugin) so they start fast. Each tool's archive script lives beside its module. A module whose
# archives are newer than all its jars (and than its script) keeps them: scripts/launch would use them
# as they are, and training again costs ~20 s for nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
for s in "$root"/*/src/main/scripts/build-cds.sh; do
  [[ -x "$s" ]] || continue
  target="$(dirname "$s")/../../../target"
  oldest=$(ls -tr "$target"/*.jsa "$target"/*.aot 2>/dev/null | head -n1 || true)
  if [[ -n "$oldest" && -z "$(find "$target" -maxdepth 2 -name '*.jar' -newer "$oldest" -print -quit)" \
        && ! "$s" -nt "$oldest" ]]; then
    continue
  fi
  "$s"
done
exit 0
