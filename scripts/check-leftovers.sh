#!/usr/bin/env bash
# Fails when tests left network namespaces, cali*/cj* links or Calico/J processes behind.
#
#   check-leftovers.sh --snapshot FILE   record what exists now (before the tests)
#   check-leftovers.sh [--since FILE]    fail on what exists now and was not in FILE
#
# Comparing with a snapshot keeps the check about the tests: whatever else runs on the machine (a sandbox,
# a benchmark) and existed before they started is reported but does not fail the run.
set -u

current() {
  ip netns list 2>/dev/null | awk '{print "namespace " $1}' | grep -E '^namespace (cj|calicoj)' || true
  ip -o link show 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print "link " $2}' | grep -E '^link (cali|cj)' || true
  pgrep -f 'io\.calicoj' 2>/dev/null | grep -vx "$$" | while read -r pid; do
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    [[ -n "$args" ]] && echo "process $pid $args"
  done
}

case "${1:-}" in
  --snapshot)
    mkdir -p "$(dirname "$2")"
    current | sort >"$2"
    exit 0
    ;;
  --since)
    before=$2
    ;;
  "")
    before=/dev/null
    ;;
  *)
    echo "usage: $0 [--snapshot FILE | --since FILE]" >&2
    exit 2
    ;;
esac

now=$(current | sort)
left=$(comm -13 "$before" <(echo -n "$now" | sed '/^$/d'))
older=$(comm -12 "$before" <(echo -n "$now" | sed '/^$/d'))
if [[ -n "$older" ]]; then
  echo "Present before the tests started (not counted):" >&2
  sed 's/^/  /' <<<"$older" >&2
fi
if [[ -n "$left" ]]; then
  echo "Tests left things behind:" >&2
  sed 's/^/  /' <<<"$left" >&2
  exit 1
fi
