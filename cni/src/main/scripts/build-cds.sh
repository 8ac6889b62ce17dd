#!/usr/bin/env bash
# Builds the CNI plugin's class-data archives after `mvn package` (run by scripts/post-build.sh):
#   cni/target/calico.jsa  AppCDS for Java 17 (the default java)
#   cni/target/calico.aot  AOT cache for Java 25, when the Temurin 25 JDK is present
# by a training run (io.calicoj.cni.training.CdsTraining: VERSION, ADD, CHECK, DEL against in-process HTTPS
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
# Keep in sync with bin/calico and the installed launcher (LauncherScript.JVM_OPTIONS), scripts/launch's
# options for target/native (Conscrypt's JNI library) included.
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr
  -Djdk.reflect.useNativeAccessorOnly=true)
if [[ -d "$dir/native" ]]; then
  opts+=(--enable-native-access=ALL-UNNAMED "-Djava.library.path=$dir/native")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
train() { # java, archive options...; each run in a directory of its own (key stores, IPAM data)
  local java="$1" run
  shift
  run=$(mktemp -d -p "$work")
  "$java" "${opts[@]}" "$@" -cp "$cp" io.calicoj.cni.training.CdsTraining "$run" >"$run/training.log" 2>&1 \
    || { echo "build-cds: training run with $java failed:" >&2; cat "$run/training.log" >&2; return 1; }
  if ! grep -q "^training ADD: exit 0" "$run/training.log"; then
    echo "build-cds: training run with $java did not complete an ADD:" >&2; cat "$run/training.log" >&2; return 1
  fi
  # The archive must hold the TLS the plugin runs: Conscrypt's when the build ships its library.
  if [[ -d "$dir/native" ]] && grep -q "Conscrypt's native library cannot be loaded" "$run/training.log"; then
    echo "build-cds: training run with $java could not load Conscrypt from $dir/native:" >&2
    grep "Conscrypt" "$run/training.log" >&2; return 1
  fi
}
rm -f "$dir/calico.jsa" "$dir/calico.aot"
train java "-XX:ArchiveClassesAtExit=$dir/calico.jsa"
echo "build-cds: $dir/calico.jsa"
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
  if [[ -x "$j/bin/java" ]]; then
    # Classes only, no profiles of the training run: with them the JIT compiles at start-up whatever was
    # hot in training (a C1 queue of ~1200 methods competing with the ADD for 2 cores: ADD p50 329 -> 303 ms).
    # The flag is diagnostic; a JDK without it gets an archive with profiles.
    train "$j/bin/java" -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining "-XX:AOTCacheOutput=$dir/calico.aot" 2>/dev/null \
      || train "$j/bin/java" "-XX:AOTCacheOutput=$dir/calico.aot"
    echo "build-cds: $dir/calico.aot"
    break
  fi
done
