# Calico/J. `make demo` and `make test` do all set-up themselves on a fresh Debian 12 machine (as root).
SHELL := /bin/bash
MVN ?= mvn -B -q -e

.PHONY: all setup build test unit demo bench conformance images clean

all: build

## Install the missing system packages (iptables, ipset, nftables, iproute2, etcd, CNI plugins, …).
setup:
	@scripts/setup-system.sh

## Compile and package everything (no tests); launchers in bin/ then work.
build: setup
	$(MVN) -DskipTests -DskipITs package
	@scripts/post-build.sh

## All tests: unit tests and the integration tests (network namespaces, real iptables/ipset, etcd).
test: setup
	@scripts/check-leftovers.sh --snapshot target/leftovers-before.txt
	$(MVN) verify
	@scripts/check-leftovers.sh --since target/leftovers-before.txt

## Unit tests only (no root needed).
unit:
	$(MVN) -DskipITs verify

## The demo: a local two-node cluster walking through Calico's simple-policy tutorial with real packets.
demo: build
	bin/calico-sandbox demo

## Benchmarks (numbers printed; nothing asserted).
bench: build
	@scripts/bench.sh

## Every conformance case (examples and the whole upstream suite) on a live sandbox with real packets.
conformance: build
	bin/calico-sandbox verify --mode live conformance/examples conformance/upstream

## Image build contexts for calico-node, calico-cni and calicoctl in build/images/<name>/ (Dockerfile +
## rootfs/), reproducible: jars stamped with the last commit's time. Needs no docker daemon; build the
## images elsewhere with: docker build -t "$$(cat build/images/<name>/IMAGE)" build/images/<name>
images:
	stamp=$$(git log -1 --format=%cI 2>/dev/null || echo 1980-01-01T00:00:02Z); \
	$(MVN) -DskipTests -DskipITs -Dmaven.jar.forceCreation=true \
		-Dproject.build.outputTimestamp=$$stamp -Dcalicoctl.build.date=$$stamp package
	@scripts/post-build.sh
	@deploy/images/assemble.sh

clean:
	$(MVN) clean
