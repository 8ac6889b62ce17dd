package io.calicoj.dataplane.iptables;

import java.util.Locale;

/** Which iptables implementation programs the kernel: the nf_tables-based one or the legacy x_tables one. */
public enum IptablesBackend {
    NFT("iptables-nft-save", "iptables-nft-restore"),
    LEGACY("iptables-legacy-save", "iptables-legacy-restore");

    private final String saveCommand;
    private final String restoreCommand;

    IptablesBackend(String saveCommand, String restoreCommand) {
        this.saveCommand = saveCommand;
        this.restoreCommand = restoreCommand;
    }

    public String saveCommand() {
        return saveCommand;
    }

    public String restoreCommand() {
        return restoreCommand;
    }

    /** Felix's {@code FELIX_IPTABLESBACKEND} spelling: {@code nft} or {@code legacy}. */
    public String felixName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
