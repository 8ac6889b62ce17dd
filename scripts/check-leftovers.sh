#!/usr/bin/env bash
# Fails when tests left network namespaces, cali* links or Calico/J processes behind.
set -u
ns=$(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^(cj|calicoj)' || true)
links=$(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | grep -E '^(cali|cj)' || true)
procs=$(pgrep -af 'io.calicoj' 2>/dev/null | grep -v pgrep || true)
if [[ -n "$ns$links$procs" ]]; then
  echo "Tests left things behind:" >&2
  [[ -n "$ns" ]] && echo "  namespaces: $ns" >&2
  [[ -n "$links" ]] && echo "  links: $links" >&2
  [[ -n "$procs" ]] && echo "  processes: $procs" >&2
  exit 1
fi
