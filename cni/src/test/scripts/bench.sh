#!/usr/bin/env bash
# CNI plugin benchmark: ADD and DEL latency (p50/p90/max wall ms and CPU p50 over N pods, default 50)
# of the calico plugin as the kubelet runs it, next to the floor (host-local + ip in a shell script).
# Needs root, socat, keytool and a built tree (make build: jar, target/lib, class-data archives).
#   cni/src/test/scripts/bench.sh [pods]
set -euo pipefail
module="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../.." && pwd)"
root="$(cd "$module/.." && pwd)"
jar=$(ls "$module"/target/calicoj-cni-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -n1 || true)
if [[ -z "$jar" || ! -d "$module/target/test-classes/io/calicoj/cni/bench" ]]; then
  (cd "$root" && mvn -B -q -pl cni -am -DskipTests -DskipITs package && scripts/post-build.sh)
  jar=$(ls "$module"/target/calicoj-cni-*.jar | grep -v -e '-tests.jar' -e '-sources.jar' | head -n1)
fi
exec java -cp "$module/target/test-classes:$jar:$module/target/lib/*" io.calicoj.cni.bench.CniBench "$root" "${1:-50}"
