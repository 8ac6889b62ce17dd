package io.calicoj.dataplane.linux;

/** The driver contract on real iptables-nft and ipset. */
class RealNftDriverContractIT extends RealDriverContract {

    @Override
    String backend() {
        return "nft";
    }
}
