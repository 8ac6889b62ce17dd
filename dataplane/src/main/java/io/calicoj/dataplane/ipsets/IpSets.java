package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.KernelReads;
import io.calicoj.dataplane.RetryPolicy;
import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IP sets of one address family, as Felix's {@code IPSets}: the members we want per set ID,
 * reconciled with the kernel through one {@code ipset restore} per {@link #applyUpdates()}.
 *
 * <ul>
 *   <li>A new set is created and filled; a changed set gets {@code add}/{@code del} deltas against
 *       what the kernel holds; when the kernel's header differs (e.g. {@code maxelem}) or the change
 *       is larger than the new membership, the set is rewritten into a temporary set
 *       ({@code cali4t<n>}) and swapped in, so rules matching it never see a half-filled set.</li>
 *   <li>Sets are destroyed only by {@link #applyDeletions()}, which the driver calls after the
 *       iptables rules that referred to them are gone; a set still in use stays pending and is
 *       retried on the next call.</li>
 *   <li>The kernel is re-read ({@code ipset save}) on the refresh timer and after a failure; sets
 *       that drifted are repaired, stale sets with our prefix and left-over temporary sets are
 *       destroyed, others' sets are never touched.</li>
 * </ul>
 */
public final class IpSets {

    private static final Logger LOG = LoggerFactory.getLogger(IpSets.class);

    /**
     * @param refreshInterval Felix IpsetsRefreshInterval (zero: never re-read on a timer)
     * @param maxSize         Felix MaxIpsetSize ({@code maxelem})
     */
    public record Options(Duration refreshInterval, int maxSize, RetryPolicy writeRetries, RetryPolicy readRetries) {
        public Options {
            Objects.requireNonNull(refreshInterval, "refreshInterval");
            Objects.requireNonNull(writeRetries, "writeRetries");
            Objects.requireNonNull(readRetries, "readRetries");
            if (maxSize < 1) {
                throw new IllegalArgumentException("MaxIpsetSize = " + maxSize + ": must be at least 1");
            }
        }

        /** Modern Felix's defaults: refresh 90 s, maxelem 1048576. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(90), 1_048_576, RetryPolicy.IPSETS, RetryPolicy.READS);
        }

        public Options withRefreshInterval(Duration d) {
            return new Options(d, maxSize, writeRetries, readRetries);
        }
    }

    private record Desired(IpSetType type, Set<String> members) {
    }

    private final int ipVersion;
    private final String family;
    private final CommandRunner runner;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Options options;

    private final Map<String, Desired> desired = new HashMap<>();
    private final Set<String> dirty = new TreeSet<>();
    private final Set<String> pendingDeletions = new TreeSet<>();
    /** Our sets in the kernel (name → header and members) as last read or written. */
    private Map<String, SavedIpSets.SavedSet> kernel = new HashMap<>();
    private boolean inSync;
    private Instant lastRead = Instant.EPOCH;
    private int restores;

    public IpSets(int ipVersion, CommandRunner runner, InstantSource clock, Sleeper sleeper, Options options) {
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6: " + ipVersion);
        }
        this.ipVersion = ipVersion;
        this.family = ipVersion == 4 ? "inet" : "inet6";
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.options = Objects.requireNonNull(options, "options");
    }

    public int ipVersion() {
        return ipVersion;
    }

    /** The kernel name of a set ID in this family. */
    public String nameFor(String setId) {
        return IpSetNames.mainName(ipVersion, setId);
    }

    /** How many {@code ipset restore} runs this object made: for tests and metrics. */
    public int restoreCount() {
        return restores;
    }

    /** Creates the set or replaces all its members; members of the other family are ignored. */
    public void replace(String setId, IpSetType type, Collection<IpSetMember> members) {
        Set<String> texts = new HashSet<>();
        for (IpSetMember m : members) {
            if (m.ipVersion() == ipVersion) {
                texts.add(IpSetMembers.render(type, m));
            }
        }
        String name = nameFor(setId);
        for (String otherId : desired.keySet()) {
            if (!otherId.equals(setId) && nameFor(otherId).equals(name)) {
                throw new IllegalArgumentException("IP set IDs " + otherId + " and " + setId + " share the name " + name);
            }
        }
        desired.put(setId, new Desired(type, texts));
        dirty.add(setId);
        pendingDeletions.remove(name);
    }

    public void addMembers(String setId, Collection<IpSetMember> members) {
        Desired d = require(setId);
        for (IpSetMember m : members) {
            if (m.ipVersion() == ipVersion) {
                d.members().add(IpSetMembers.render(d.type(), m));
            }
        }
        dirty.add(setId);
    }

    public void removeMembers(String setId, Collection<IpSetMember> members) {
        Desired d = require(setId);
        for (IpSetMember m : members) {
            if (m.ipVersion() == ipVersion) {
                d.members().remove(IpSetMembers.render(d.type(), m));
            }
        }
        dirty.add(setId);
    }

    /** Forgets the set; it is destroyed by the next {@link #applyDeletions()}. */
    public void remove(String setId) {
        if (desired.remove(setId) != null) {
            dirty.remove(setId);
            pendingDeletions.add(nameFor(setId));
        }
    }

    public boolean contains(String setId) {
        return desired.containsKey(setId);
    }

    /** The members we want in a set (canonical text), for tests. */
    public Set<String> members(String setId) {
        return Set.copyOf(require(setId).members());
    }

    public void invalidateDataplaneCache() {
        inSync = false;
    }

    private Desired require(String setId) {
        Desired d = desired.get(setId);
        if (d == null) {
            throw new IllegalStateException("IP set " + setId + " is not known: a delta must follow its IpSetUpdate");
        }
        return d;
    }

    /**
     * Creates and updates sets (never destroys one that is wanted).
     *
     * @return when to call again for the next refresh
     * @throws DataplaneProgrammingException when every retry failed
     */
    public Duration applyUpdates() {
        Instant now = clock.instant();
        if (!options.refreshInterval().isZero() && !now.isBefore(lastRead.plus(options.refreshInterval()))) {
            invalidateDataplaneCache();
        }
        RetryPolicy policy = options.writeRetries();
        for (int attempt = 0; ; attempt++) {
            if (!inSync) {
                loadDataplaneState();
            }
            List<String> lines = new ArrayList<>();
            Map<String, SavedIpSets.SavedSet> written = new HashMap<>();
            Set<String> tempsUsed = new HashSet<>();
            buildUpdates(lines, written, tempsUsed);
            if (lines.isEmpty()) {
                dirty.clear();
                break;
            }
            String input = String.join("\n", lines) + "\nCOMMIT\n";
            String error = restore(input);
            if (error == null) {
                kernel.putAll(written);
                tempsUsed.forEach(kernel::remove);
                dirty.clear();
                break;
            }
            invalidateDataplaneCache();
            if (attempt < policy.retries()) {
                LOG.warn("ipset restore failed, will retry (attempt {} of {}): {}", attempt + 1, policy.retries() + 1, error);
                sleeper.sleep(policy.backoff(attempt));
                continue;
            }
            String state = listForDiagnostics();
            LOG.error("Failed to program IPv{} IP sets after {} attempts: {}\nipset restore input:\n{}\ncurrent sets:\n{}",
                    ipVersion, attempt + 1, error, input, state);
            throw new DataplaneProgrammingException("failed to program IPv" + ipVersion + " IP sets with ipset restore after "
                    + (attempt + 1) + " attempts: " + error, input, state, null);
        }
        if (options.refreshInterval().isZero()) {
            return io.calicoj.dataplane.iptables.Table.NO_RESCHEDULE;
        }
        Duration next = Duration.between(now, lastRead.plus(options.refreshInterval()));
        return next.isNegative() ? Duration.ZERO : next;
    }

    private void buildUpdates(List<String> lines, Map<String, SavedIpSets.SavedSet> written, Set<String> tempsUsed) {
        int temp = 0;
        for (String id : dirty) {
            Desired d = desired.get(id);
            String name = nameFor(id);
            SavedIpSets.Header header = headerFor(d);
            SavedIpSets.SavedSet have = kernel.get(name);
            if (have == null) {
                lines.add(create(name, header));
                addAll(lines, name, d.members());
            } else if (!have.header().type().equals(header.type())) {
                LOG.warn("IP set {} has type {} in the kernel but needs {}: recreating it", name, have.header().type(), header.type());
                lines.add("destroy " + name);
                lines.add(create(name, header));
                addAll(lines, name, d.members());
            } else {
                Set<String> toAdd = new TreeSet<>(d.members());
                toAdd.removeAll(have.members());
                Set<String> toRemove = new TreeSet<>(have.members());
                toRemove.removeAll(d.members());
                boolean headerChanged = !have.header().equals(header);
                if (!headerChanged && toAdd.isEmpty() && toRemove.isEmpty()) {
                    continue;
                }
                if (d.members().isEmpty() && !headerChanged) {
                    lines.add("flush " + name);
                } else if (headerChanged || toAdd.size() + toRemove.size() > d.members().size()) {
                    String tempName = IpSetNames.tempName(ipVersion, temp++);
                    if (kernel.containsKey(tempName)) {
                        lines.add("destroy " + tempName);
                    }
                    lines.add(create(tempName, header));
                    addAll(lines, tempName, d.members());
                    lines.add("swap " + name + " " + tempName);
                    lines.add("destroy " + tempName);
                    tempsUsed.add(tempName);
                    pendingDeletions.remove(tempName);
                } else {
                    for (String m : toRemove) {
                        lines.add("del " + name + " " + m);
                    }
                    addAll(lines, name, toAdd);
                }
            }
            written.put(name, new SavedIpSets.SavedSet(header, Set.copyOf(d.members())));
        }
    }

    private SavedIpSets.Header headerFor(Desired d) {
        return new SavedIpSets.Header(IpSetMembers.kernelType(d.type()), family, options.maxSize());
    }

    private static String create(String name, SavedIpSets.Header h) {
        return "create " + name + " " + h.type() + " family " + h.family() + " maxelem " + h.maxElements();
    }

    private static void addAll(List<String> lines, String name, Collection<String> members) {
        for (String m : members.stream().sorted().toList()) {
            lines.add("add " + name + " " + m);
        }
    }

    /** Destroys the sets no longer wanted (and stale ones of ours); one that is still in use is retried later. */
    public void applyDeletions() {
        for (String name : new ArrayList<>(pendingDeletions)) {
            if (inSync && !kernel.containsKey(name)) {
                pendingDeletions.remove(name);
                continue;
            }
            try {
                CommandResult r = runner.run(Command.of("ipset", "destroy", name));
                if (r.succeeded() || r.stderr().contains("does not exist")) {
                    pendingDeletions.remove(name);
                    kernel.remove(name);
                } else {
                    LOG.warn("Could not destroy IP set {} yet (will retry): {}", name, r.stderr().strip());
                }
            } catch (CommandFailedException e) {
                LOG.warn("Could not run ipset destroy {} (will retry): {}", name, e.getMessage());
            }
        }
    }

    /** Sets waiting for {@link #applyDeletions()}. */
    public Set<String> pendingDeletions() {
        return Set.copyOf(pendingDeletions);
    }

    private void loadDataplaneState() {
        String saved = readSave();
        lastRead = clock.instant();
        Map<String, SavedIpSets.SavedSet> ours = new HashMap<>();
        SavedIpSets.parse(saved).forEach((name, set) -> {
            if (IpSetNames.isOurs(ipVersion, name)) {
                ours.put(name, set);
            }
        });
        Map<String, String> wantedNames = new HashMap<>();
        desired.keySet().forEach(id -> wantedNames.put(nameFor(id), id));
        for (Map.Entry<String, SavedIpSets.SavedSet> e : ours.entrySet()) {
            String id = wantedNames.get(e.getKey());
            if (id == null) {
                LOG.info("Found IP set {} that we do not want, marking it for removal", e.getKey());
                pendingDeletions.add(e.getKey());
            } else if (!e.getValue().members().equals(desired.get(id).members())
                    || !e.getValue().header().equals(headerFor(desired.get(id)))) {
                dirty.add(id);
            }
        }
        for (Map.Entry<String, String> e : wantedNames.entrySet()) {
            if (!ours.containsKey(e.getKey())) {
                dirty.add(e.getValue());
            }
        }
        kernel = ours;
        inSync = true;
    }

    private String readSave() {
        return KernelReads.read(runner, Command.of("ipset", "save"), options.readRetries(), sleeper, r -> false);
    }

    private String restore(String input) {
        restores++;
        try {
            CommandResult r = runner.run(Command.of("ipset", "restore", "-exist").withStdin(input));
            return r.succeeded() ? null : "exit " + r.exitCode() + ": " + r.stderr().strip();
        } catch (CommandFailedException e) {
            return e.getMessage();
        }
    }

    private String listForDiagnostics() {
        return KernelReads.forDiagnostics(runner, Command.of("ipset", "list", "-t"));
    }
}
