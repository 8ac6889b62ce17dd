package io.calicoj.dataplane.linux;

/** The driver contract on real iptables-legacy and ipset. */
class RealLegacyDriverContractIT extends RealDriverContract {

    @Override
    String backend() {
        return "legacy";
    }
}
