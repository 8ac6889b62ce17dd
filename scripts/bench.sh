#!/usr/bin/env bash
# `make bench`: every benchmark, printing numbers (nothing is asserted: targets are goals, not tests).
# Run as root (the dataplane and agent benchmarks program iptables inside throwaway namespaces).
# Optional: BENCH="calc dataplane …" to run a subset.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p target
all="datastore datastore-list calc dataplane agent cni calicoctl"
selected="${BENCH:-$all}"

# The test classpath of a module (its classes, test classes and dependencies).
classpath() {
  local module="$1" out="$root/$1/target/bench.classpath"
  # -am: our own modules are not installed; with -am each upstream module writes the file first and
  # the requested one (last in the reactor) last.
  # (test-compile in the same run lets Maven resolve our modules to their target/ directories).
  mvn -q -B -o -pl "$module" -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$out" \
      -Dmdep.includeScope=test >/dev/null 2>&1 \
    || mvn -q -B -pl "$module" -am -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$out" \
      -Dmdep.includeScope=test >/dev/null
  echo "$root/$module/target/classes:$root/$module/target/test-classes:$(cat "$out")"
}

echo "== compiling benchmark classes"
mvn -q -B -DskipTests -DskipITs test-compile package >/dev/null
# Packaging rewrote the jars: the class-data archives must be newer than them, or the launchers ignore them.
scripts/post-build.sh >/dev/null

for b in $selected; do
  case "$b" in
    datastore)
      echo; echo "== datastore: heap per cached pod, start to in-sync for 10k pods / 1k policies / 100 namespaces (issue 3)"
      mvn -q -B -o -pl datastore-kubernetes -am -Pbench -DskipTests process-test-classes ;;
    datastore-list)
      echo; echo "== datastore-list: calico-felix's LIST of 10k pods on fabric8 and on the lean client (issue 16)"
      java -cp "$(classpath datastore-kubernetes)" io.calicoj.datastore.kubernetes.bench.ListBenchmark ;;
    agent)
      echo; echo "== agent: policy change → kernel latency (500 pods, 200 policies), iperf3 with 1000 policies (issue 5)"
      java -cp "$(classpath sandbox)" io.calicoj.sandbox.bench.AgentBenchmark ;;
    calc)
      echo; echo "== calc: calculation graph, 10k pods / 1k policies / 100 namespaces (issue 4)"
      java -cp "$(classpath calc)" io.calicoj.calc.bench.CalcGraphBenchmark ;;
    dataplane)
      echo; echo "== dataplane: apply 200 policies / 500 endpoints with real iptables-restore in a namespace"
      java -cp "$(classpath dataplane)" io.calicoj.dataplane.bench.ApplyBench 200 500 ;;
    cni)
      echo; echo "== cni: ADD/DEL latency over 50 pods, next to host-local + ip in a shell script (issue 6)"
      "$root/cni/src/test/scripts/bench.sh" 50 ;;
    calicoctl)
      echo; echo "== calicoctl get workloadendpoints, 1000 pods in the API, median of 20 runs (issue 7)"
      java -cp "$(classpath cli)" io.calicoj.cli.bench.CalicoctlBench pods=1000 runs=20 warmup=3 ;;
    *) echo "unknown benchmark $b" >&2; exit 2 ;;
  esac
done
