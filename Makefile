# Calico/J. `make demo` and `make test` do all set-up themselves on a fresh Debian 12 machine (as root).
SHELL := /bin/bash
MVN ?= mvn -B -q -e

.PHONY: all setup build test unit demo bench clean

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
	$(MVN) verify
	@scripts/check-leftovers.sh

## Unit tests only (no root needed).
unit:
	$(MVN) -DskipITs verify

## The demo. Until the sandbox cluster lands it runs the conformance cases through the model.
demo: build
	bin/calico-sandbox verify --mode model conformance

## Benchmarks (numbers printed; nothing asserted).
bench: build
	@scripts/bench.sh

clean:
	$(MVN) clean
