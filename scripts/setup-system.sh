#!/usr/bin/env bash
# Installs the system packages Calico/J needs on Debian 12, only those that are missing, so a
# second run costs nothing. Needs root when something is missing.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
want() { # want <command-or-path> <package>
  if [[ "$1" == /* ]]; then [[ -e "$1" ]] || need+=("$2"); else have_cmd "$1" || need+=("$2"); fi
}

want java          openjdk-17-jdk-headless
want javac         openjdk-17-jdk-headless
want mvn           maven
want iptables      iptables
want ipset         ipset
want nft           nftables
want ip            iproute2
want etcd          etcd-server
want etcdctl       etcd-client
want /usr/lib/cni/host-local containernetworking-plugins
want iperf3        iperf3
want conntrack     conntrack
want nc            netcat-openbsd
want socat         socat
want curl          curl
want openssl       openssl
want nsenter       util-linux
want kubectl       kubernetes-client
want make          make

if ((${#need[@]} == 0)); then
  exit 0
fi
mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
if [[ $(id -u) -ne 0 ]]; then
  echo "Calico/J needs these Debian packages: ${need[*]}" >&2
  echo "Run as root (or: sudo apt-get install ${need[*]})." >&2
  exit 1
fi
echo "Installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${need[@]}"
