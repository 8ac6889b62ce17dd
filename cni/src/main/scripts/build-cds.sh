#!/usr/bin/env bash
# Builds the CNI plugin's class-data archives after `mvn package` (run by scripts/post-build.sh):
#   cni/target/calico.jsa  AppCDS for Java 17 (the default java)
#   cni/target/calico.aot  AOT cache for Java 25, when the Temurin 25 JDK is present
# by a training run (io.calicoj.cni.CdsTraining: VERSION, ADD, CHECK, DEL against in-process HTTPS
# API servers with an ECDSA and an RSA certificate, made with the JDK's keytool, and a fake IPAM
# script; no root, no cluster). An archive only works for the
# exact class path it was made with, so the class path here is spelled exactly as scripts/launch
# spells it (absolute jar, then target/lib/*), with the JVM options of bin/calico.
set -euo pipefail
module="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
dir="$module/target"
jar=$(ls "$dir"/calicoj-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -n1 || true)
if [[ -z "$jar" || ! -d "$dir/lib" ]]; then
  echo "build-cds: $module is not packaged; run mvn package first" >&2
  exit 1
fi
cp="$jar:$dir/lib/*"
# Keep in sync with bin/calico and the installed launcher (InstallCni.LAUNCHER_OPTIONS).
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
train() { # java, archive option; each run in a directory of its own (key stores, IPAM data)
  local run
  run=$(mktemp -d -p "$work")
  "$1" "${opts[@]}" "$2" -cp "$cp" io.calicoj.cni.CdsTraining "$run" >"$run/training.log" 2>&1 \
    || { echo "build-cds: training run with $1 failed:" >&2; cat "$run/training.log" >&2; return 1; }
  if ! grep -q "^training ADD: exit 0" "$run/training.log"; then
    echo "build-cds: training run with $1 did not complete an ADD:" >&2; cat "$run/training.log" >&2; return 1
  fi
}
rm -f "$dir/calico.jsa" "$dir/calico.aot"
train java "-XX:ArchiveClassesAtExit=$dir/calico.jsa"
echo "build-cds: $dir/calico.jsa"
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  if [[ -x "$j/bin/java" ]]; then
    train "$j/bin/java" "-XX:AOTCacheOutput=$dir/calico.aot"
    echo "build-cds: $dir/calico.aot"
    break
  fi
done
