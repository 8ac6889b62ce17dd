package io.calicoj.dataplane.iptables;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the iptables backend the host's other programs use, as Felix's {@code DetectBackend} does:
 * count the rules each backend's save command prints. Ten or more legacy rules mean legacy; a
 * kube-proxy hint chain ({@code KUBE-IPTABLES-HINT}, {@code KUBE-KUBELET-CANARY}) in the nft
 * ruleset means nft; otherwise the backend with more rules wins and a tie (e.g. two empty rulesets)
 * goes to nft, the distribution default (Felix picks legacy on a tie). Comment lines such as
 * {@code # Warning: iptables-legacy tables present} are not rules; a missing or failing save
 * command counts as an empty ruleset.
 */
public final class BackendDetector {

    private static final Logger LOG = LoggerFactory.getLogger(BackendDetector.class);
    static final int LEGACY_THRESHOLD = 10;

    private BackendDetector() {
    }

    /**
     * @param configured {@code FELIX_IPTABLESBACKEND}: {@code auto}, {@code nft} or {@code legacy} (any case)
     * @throws IllegalArgumentException naming the parameter when {@code configured} is none of those
     */
    public static IptablesBackend choose(CommandRunner runner, String configured) {
        String mode = configured == null ? "auto" : configured.strip().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "nft":
                return IptablesBackend.NFT;
            case "legacy":
                return IptablesBackend.LEGACY;
            case "auto":
            case "":
                return detect(runner);
            default:
                throw new IllegalArgumentException("IptablesBackend = '" + configured
                        + "' (FELIX_IPTABLESBACKEND): must be one of auto, nft, legacy");
        }
    }

    /** Detects the backend from the rules present. */
    public static IptablesBackend detect(CommandRunner runner) {
        String legacy = save(runner, IptablesBackend.LEGACY);
        int legacyRules = countRules(legacy);
        if (legacyRules >= LEGACY_THRESHOLD) {
            LOG.info("Detected iptables backend legacy ({} legacy rules)", legacyRules);
            return IptablesBackend.LEGACY;
        }
        String nft = save(runner, IptablesBackend.NFT);
        int nftRules = countRules(nft);
        IptablesBackend chosen;
        if (nft.contains("KUBE-IPTABLES-HINT") || nft.contains("KUBE-KUBELET-CANARY")) {
            chosen = IptablesBackend.NFT;
        } else {
            chosen = legacyRules > nftRules ? IptablesBackend.LEGACY : IptablesBackend.NFT;
        }
        LOG.info("Detected iptables backend {} (legacy rules: {}, nft rules: {})", chosen.felixName(), legacyRules, nftRules);
        return chosen;
    }

    /** Lines that start with {@code -} (rules); {@code #} comments and {@code :chain} lines do not count. */
    static int countRules(String saveOutput) {
        int count = 0;
        for (String line : saveOutput.split("\n", -1)) {
            if (line.startsWith("-")) {
                count++;
            }
        }
        return count;
    }

    private static String save(CommandRunner runner, IptablesBackend backend) {
        try {
            CommandResult r = runner.run(Command.of(backend.saveCommand()));
            if (!r.succeeded()) {
                LOG.debug("{} exited {}: {}", backend.saveCommand(), r.exitCode(), r.stderr().strip());
                return "";
            }
            return r.stdout();
        } catch (CommandFailedException e) {
            LOG.debug("{} could not be run: {}", backend.saveCommand(), e.getMessage());
            return "";
        }
    }
}
