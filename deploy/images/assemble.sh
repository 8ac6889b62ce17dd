#!/usr/bin/env bash
# Assembles the build contexts of the Calico/J images from the Maven build output (`mvn package`):
#
#   build/images/<name>/Dockerfile    from deploy/images/<name>/ (with any other build files there)
#   build/images/<name>/rootfs/       the image's files (Dockerfile: COPY rootfs/ /), under /opt/calicoj:
#                                     <module>/<module jar>, <module>/lib/*.jar, <module>/classpath,
#                                     <module>/native/*.so (JNI libraries: the CNI plugin's), bin/<launcher>
#   build/images/<name>/IMAGE         the tag to build: calicoj/<name>:<version>
#   build/images/<name>/SHA256SUMS    every file of the context but itself, sorted by path
#
# for calico-node (calico-felix, module agent), calico-cni (install-cni and the plugin, module cni) and
# calicoctl (module cli). It builds no image: `docker build -t "$(cat build/images/<name>/IMAGE)"
# build/images/<name>` does, on a machine with a docker daemon and access to Docker Hub.
#
# Reproducible: the same build output gives byte-identical contexts, with the same modes and times —
# paths sorted (LC_ALL=C), class paths spelled out in that order (never lib/*, whose order is the
# directory's), files 0644 and launchers and directories 0755, every mtime SOURCE_DATE_EPOCH (default:
# the time of the last commit), and no path of the build machine. Only runtime jars go in: no test jars,
# no class-data archives (they hold the build machine's paths and are made where they are used), no
# keys, tokens or kubeconfigs.
#
# Usage: deploy/images/assemble.sh [--out DIR] [NAME...]
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
images_src="$root/deploy/images"
out="$root/build/images"
names=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "assemble.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[[ ${#names[@]} -gt 0 ]] || names=(calico-node calico-cni calicoctl)

if [[ -z "${SOURCE_DATE_EPOCH:-}" ]]; then
  SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
fi

# name -> "module launcher main-class" (launcher "-": the image brings its own, under rootfs/ in deploy/images/<name>)
spec() {
  case "$1" in
    calico-node) echo "agent calico-felix io.calicoj.agent.CalicoFelix" ;;
    calico-cni) echo "cni - -" ;;
    calicoctl) echo "cli calicoctl io.calicoj.cli.Calicoctl" ;;
    *) echo "assemble.sh: unknown image '$1' (known: calico-node, calico-cni, calicoctl)" >&2; return 1 ;;
  esac
}

die() {
  echo "assemble.sh: $*" >&2
  exit 1
}

# The JVM options of bin/<launcher> (its CALICOJ_JAVA_OPTS default): the image's launcher keeps them.
jvm_options() {
  local opts
  opts=$(sed -n 's/.*CALICOJ_JAVA_OPTS:[-=]\([^}]*\)}.*/\1/p' "$root/bin/$1" | head -n1)
  [[ -n "$opts" ]] || die "cannot read the JVM options (CALICOJ_JAVA_OPTS default) of bin/$1"
  echo "$opts"
}

# The module's jar: exactly one calicoj-<module>-<version>.jar in <module>/target.
module_jar() {
  local module="$1" jars=()
  shopt -s nullglob
  for j in "$root/$module/target/calicoj-$module-"*.jar; do
    case "$j" in *-tests.jar|*-sources.jar|*-javadoc.jar) ;; *) jars+=("$j") ;; esac
  done
  shopt -u nullglob
  [[ ${#jars[@]} -eq 1 ]] || die "expected one calicoj-$module jar in $module/target, found ${#jars[@]}: run 'mvn package' (make build) first"
  [[ -d "$root/$module/target/lib" ]] || die "$module/target/lib is missing: run 'mvn package' (make build) first"
  echo "${jars[0]}"
}

launcher() { # tool main module jvm-options
  cat <<EOF
#!/bin/sh
# $1 (Calico/J) in this image: $2 on the image's Java runtime, with the JVM options of the
# repository's bin/$1 (CALICOJ_JAVA_OPTS replaces them). Written by deploy/images/assemble.sh.
read -r classpath < /opt/calicoj/$3/classpath
exec java \${CALICOJ_JAVA_OPTS:-$4} -cp "\$classpath" $2 "\$@"
EOF
}

assemble() {
  local name="$1" module tool main jar version ctx app
  read -r module tool main <<<"$(spec "$name")"
  jar=$(module_jar "$module")
  version=$(basename "$jar" .jar)
  version=${version#calicoj-"$module"-}
  ctx="$out/$name"
  app="$ctx/rootfs/opt/calicoj/$module"

  rm -rf "$ctx"
  mkdir -p "$app/lib" "$ctx/rootfs/opt/calicoj/bin"
  # Build files and the image's own files from deploy/images/<name>/.
  (cd "$images_src/$name" && find . -type f | sort) | while read -r f; do
    mkdir -p "$(dirname "$ctx/$f")"
    cp "$images_src/$name/$f" "$ctx/$f"
  done
  [[ -f "$ctx/Dockerfile" ]] || die "deploy/images/$name/Dockerfile is missing"

  cp "$jar" "$app/"
  local classpath="/opt/calicoj/$module/$(basename "$jar")"
  while read -r lib; do
    cp "$root/$module/target/lib/$lib" "$app/lib/"
    classpath="$classpath:/opt/calicoj/$module/lib/$lib"
  done < <(cd "$root/$module/target/lib" && find . -maxdepth 1 -type f -name '*.jar' | sed 's|^\./||' | sort)
  echo "$classpath" > "$app/classpath"
  # JNI libraries the module ships (the CNI plugin's TLS, Conscrypt's), which install-cni puts beside the plugin.
  if [[ -d "$root/$module/target/native" ]]; then
    mkdir -p "$app/native"
    while read -r so; do
      cp "$root/$module/target/native/$so" "$app/native/"
    done < <(cd "$root/$module/target/native" && find . -maxdepth 1 -type f -name '*.so' | sed 's|^\./||' | sort)
  fi

  if [[ "$tool" != "-" ]]; then
    launcher "$tool" "$main" "$module" "$(jvm_options "$tool")" > "$ctx/rootfs/opt/calicoj/bin/$tool"
  fi
  echo "calicoj/$name:$version" > "$ctx/IMAGE"

  # Modes, times and the file list: the same for the same input, on any machine.
  find "$ctx" -type d -exec chmod 0755 {} +
  find "$ctx" -type f -exec chmod 0644 {} +
  find "$ctx/rootfs/opt/calicoj/bin" -type f -exec chmod 0755 {} +
  (cd "$ctx" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | sort | xargs -d '\n' sha256sum) > "$ctx/SHA256SUMS"
  chmod 0644 "$ctx/SHA256SUMS"
  find "$ctx" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

  local files
  files=$(wc -l < "$ctx/SHA256SUMS")
  echo "$name: ${ctx#"$root"/}/ ($files files, $(sha256sum < "$ctx/SHA256SUMS" | cut -c1-16)) -> docker build -t $(cat "$ctx/IMAGE") ${ctx#"$root"/}"
}

umask 022
for name in "${names[@]}"; do
  spec "$name" >/dev/null || exit 2
  assemble "$name"
done
