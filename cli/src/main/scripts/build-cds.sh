#!/usr/bin/env bash
# Builds calicoctl's class-data archives after `mvn package` (run by scripts/post-build.sh):
#   cli/target/calicoctl.aot  JDK 25+ AOT cache (-XX:AOTCacheOutput), used when bin/calicoctl runs on JDK 25
#   cli/target/calicoctl.jsa  static AppCDS archive (-Xshare:dump with the training run's class list) for a
#                             JDK 17/21 launch: unlike a dynamic archive (-XX:ArchiveClassesAtExit) it also
#                             holds every class the training loaded
# The training run (io.calicoj.cli.CdsTraining) needs no cluster: it starts io.calicoj.cli.TrainingApiServer,
# which answers the Kubernetes API on 127.0.0.1, in a JVM of its own so that the archives hold no HTTP
# server class (a JDK 25 AOT cache loads every class it holds when the JVM starts). An archive only
# works for the exact classpath it was made with, so this uses the launcher's absolute classpath;
# rebuilding the jar needs a new archive (make build does both).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../../.." && pwd)"
dir="$root/cli/target"
jar=$(ls "$dir"/calicoj-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -n1 || true)
if [[ -z "$jar" || ! -d "$dir/lib" ]]; then
  echo "build-cds.sh: cli is not built; skipping calicoctl's class-data archive" >&2
  exit 0
fi
cp="$jar:$dir/lib/*"
# The options of bin/calicoctl (an archive made with other GC settings may be refused).
opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss1m)
main=io.calicoj.cli.CdsTraining

major() {
  "$1" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}

# The JDK scripts/launch --newest-jdk picks, and the default one.
newest=""
for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [[ -x "$j/bin/java" ]]; then newest="$j/bin/java"; break; fi
done
default_java=java

# Training runs in a scratch directory, so that a JVM crash report does not land in the repository.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# build <java> <archive> <options creating it> <options using it>: trains, then checks that the JVM
# really uses the result (a creation can fail in a child JVM without failing the training run).
build() {
  local java="$1" archive="$2" create="$3" use="$4"
  rm -f "$archive" "$archive.config"
  # shellcheck disable=SC2086
  if (cd "$work" && "$java" "${opts[@]}" -XX:ErrorFile="$work/hs_err_%p.log" $create -cp "$cp" "$main") >/dev/null 2>&1 \
      && [[ -s "$archive" ]] \
      && "$java" "${opts[@]}" $use -cp "$cp" io.calicoj.cli.Calicoctl version >/dev/null 2>&1; then
    return 0
  fi
  echo "build-cds.sh: could not build $archive (calicoctl still works, it starts slower)" >&2
  rm -f "$archive" "$archive.config"
}

# build_static <java> <archive>: a training run writes its class list, then -Xshare:dump archives those
# classes (the JDK's and the application's) in one static archive; checked as build() checks.
build_static() {
  local java="$1" archive="$2" list="$work/classes.lst"
  rm -f "$archive" "$list"
  if (cd "$work" && "$java" "${opts[@]}" -XX:ErrorFile="$work/hs_err_%p.log" -XX:DumpLoadedClassList="$list" \
        -cp "$cp" "$main") >/dev/null 2>&1 \
      && (cd "$work" && "$java" "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive" \
        -cp "$cp") >/dev/null 2>&1 \
      && [[ -s "$archive" ]] \
      && "$java" "${opts[@]}" -XX:SharedArchiveFile="$archive" -Xshare:on -cp "$cp" io.calicoj.cli.Calicoctl version >/dev/null 2>&1; then
    return 0
  fi
  echo "build-cds.sh: could not build $archive (calicoctl still works, it starts slower)" >&2
  rm -f "$archive"
}

rm -f "$dir/calicoctl.aot" "$dir/calicoctl.jsa"
if [[ -n "$newest" && "$(major "$newest")" -ge 25 ]]; then
  # Classes only, no profiles of the training run (the JIT would compile at start-up whatever was hot in
  # training); the flag is diagnostic, so a JDK without it gets an archive with profiles.
  build "$newest" "$dir/calicoctl.aot" "-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining -XX:AOTCacheOutput=$dir/calicoctl.aot" \
    "-XX:AOTCache=$dir/calicoctl.aot -XX:AOTMode=on" 2>/dev/null
  if [[ ! -s "$dir/calicoctl.aot" ]]; then
    build "$newest" "$dir/calicoctl.aot" "-XX:AOTCacheOutput=$dir/calicoctl.aot" "-XX:AOTCache=$dir/calicoctl.aot -XX:AOTMode=on"
  fi
  jsa_java="$default_java"
else
  jsa_java="${newest:-$default_java}"
fi
if [[ "$(major "$jsa_java")" -lt 25 ]]; then
  build_static "$jsa_java" "$dir/calicoctl.jsa"
fi
ls -l "$dir"/calicoctl.{aot,jsa} 2>/dev/null | awk '{print "build-cds.sh: " $NF " (" $5 " bytes)"}' >&2 || true
