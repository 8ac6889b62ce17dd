package io.calicoj.dataplane.ipsets;

import io.calicoj.dataplane.KernelReads;
import io.calicoj.dataplane.RetryPolicy;
import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IP sets of one address family, as Felix's {@code IPSets}: the members we want per set ID,
 * reconciled with the kernel through {@code ipset restore} in {@link #applyUpdates()}.
 *
 * <ul>
 *   <li>A new set is created and filled; a changed set gets {@code add}/{@code del} deltas against
 *       what the kernel holds; when the kernel's header differs (e.g. {@code maxelem}) or the change
 *       is larger than the new membership, the set is rewritten into a temporary set
 *       ({@code cali4t<n>}) and swapped in, so rules matching it never see a half-filled set.</li>
 *   <li>A member the kernel would refuse ({@link KernelMemberRules}), or one beyond
 *       {@code MaxIpsetSize}, is left out and reported; the set is then {@link IpSetState#INCOMPLETE}.</li>
 *   <li>One set cannot hold back the others: {@code ipset restore} stops at the first line it
 *       refuses and says which ("Error in line N"), so the sets before that line are programmed, the
 *       set of that line is retried alone (after re-reading the kernel), and the sets after it go on in
 *       the next restore. A set that fails alone too is {@link IpSetState#UNKNOWN}: reported, retried
 *       after a growing delay (or as soon as it changes), and no rule may refer to it meanwhile. A
 *       failure that names no line (the tool could not run) is retried with backoff, then every set
 *       of the batch is left {@link IpSetState#UNKNOWN}.</li>
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
    private static final Pattern ERROR_LINE = Pattern.compile("Error in line (\\d+):");
    static final Duration FIRST_FAILURE_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_FAILURE_BACKOFF = Duration.ofMinutes(5);

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

        public Options withMaxSize(int n) {
            return new Options(refreshInterval, n, writeRetries, readRetries);
        }
    }

    /** What we want in a set: the members we write and those we leave out (member text → why). */
    private record Desired(IpSetType type, Set<String> members, Map<String, String> refused) {
    }

    /** A set that could not be programmed, and when to try again. */
    private record Failure(String error, Instant retryAt, Duration backoff) {
    }

    /** The restore lines that bring one set in line, and what the kernel then holds. */
    private record Write(String id, String name, List<String> lines, SavedIpSets.SavedSet result, Set<String> temps) {
    }

    private final int ipVersion;
    private final String family;
    private final CommandRunner runner;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Options options;
    private final DataplaneProblems problems;
    private final boolean checkMembers;

    private final Map<String, Desired> desired = new HashMap<>();
    private final Set<String> dirty = new TreeSet<>();
    private final Set<String> pendingDeletions = new TreeSet<>();
    private final Map<String, Failure> failures = new TreeMap<>();
    /** Sets whose last message could not be taken: their members are not known, until a full update. */
    private final Set<String> setAside = new TreeSet<>();
    /** Our sets in the kernel (name → header and members) as last read or written. */
    private Map<String, SavedIpSets.SavedSet> kernel = new HashMap<>();
    private boolean inSync;
    private Instant lastRead = Instant.EPOCH;
    private int restores;

    public IpSets(int ipVersion, CommandRunner runner, InstantSource clock, Sleeper sleeper, Options options) {
        this(ipVersion, runner, clock, sleeper, options, DataplaneProblems.NONE, true);
    }

    /**
     * @param checkMembers whether members the kernel would refuse are left out before the kernel sees
     *                     them (always, but for tests of what happens when the kernel refuses one anyway)
     */
    public IpSets(int ipVersion, CommandRunner runner, InstantSource clock, Sleeper sleeper, Options options,
                  DataplaneProblems problems, boolean checkMembers) {
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6: " + ipVersion);
        }
        this.ipVersion = ipVersion;
        this.family = ipVersion == 4 ? "inet" : "inet6";
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.options = Objects.requireNonNull(options, "options");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.checkMembers = checkMembers;
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

    /**
     * Creates the set or replaces all its members; members of the other family are ignored, members
     * the kernel would refuse are left out and reported.
     *
     * @throws IllegalArgumentException when another set ID has the same kernel name (nothing changes)
     */
    public void replace(String setId, IpSetType type, Collection<IpSetMember> members) {
        String name = nameFor(setId);
        for (String otherId : desired.keySet()) {
            if (!otherId.equals(setId) && nameFor(otherId).equals(name)) {
                throw new IllegalArgumentException("IP set IDs " + otherId + " and " + setId + " share the name " + name);
            }
        }
        Desired old = desired.get(setId);
        Desired d = new Desired(type, new HashSet<>(), new TreeMap<>());
        for (IpSetMember m : members) {
            add(setId, d, m);
        }
        desired.put(setId, d);
        setAside.remove(setId);
        changed(setId);
        pendingDeletions.remove(name);
        if (old != null && !old.refused().isEmpty() && d.refused().isEmpty()) {
            problems.resolved("ipset-member-refused", setId);
        }
    }

    public void addMembers(String setId, Collection<IpSetMember> members) {
        Desired d = require(setId);
        for (IpSetMember m : members) {
            add(setId, d, m);
        }
        changed(setId);
    }

    public void removeMembers(String setId, Collection<IpSetMember> members) {
        Desired d = require(setId);
        boolean hadRefused = !d.refused().isEmpty();
        for (IpSetMember m : members) {
            if (m.ipVersion() == ipVersion) {
                String text = IpSetMembers.render(d.type(), m);
                d.members().remove(text);
                d.refused().remove(text);
            }
        }
        changed(setId);
        if (hadRefused && d.refused().isEmpty()) {
            problems.resolved("ipset-member-refused", setId);
        }
    }

    private void add(String setId, Desired d, IpSetMember m) {
        if (m.ipVersion() != ipVersion) {
            return;
        }
        String text = IpSetMembers.render(d.type(), m);
        String refusal = checkMembers ? KernelMemberRules.refusal(d.type(), m).orElse(null) : null;
        if (refusal == null) {
            d.members().add(text);
            return;
        }
        d.refused().put(text, refusal);
        problems.report(new DataplaneProblem.IpSetMemberRefused(setId, text, refusal));
    }

    /** The set changed: program it on the next apply, even if it failed a moment ago. */
    private void changed(String setId) {
        dirty.add(setId);
        failures.computeIfPresent(setId, (id, f) -> new Failure(f.error(), Instant.MIN, f.backoff()));
    }

    /** Forgets the set; it is destroyed by the next {@link #applyDeletions()}. */
    public void remove(String setId) {
        Desired d = desired.remove(setId);
        if (d != null) {
            dirty.remove(setId);
            pendingDeletions.add(nameFor(setId));
            if (failures.remove(setId) != null) {
                problems.resolved("ipset-failed", setId);
            }
            if (!d.refused().isEmpty()) {
                problems.resolved("ipset-member-refused", setId);
            }
            setAside.remove(setId);
        }
    }

    /**
     * A message about the set could not be taken: what it should hold is no longer known, so it is
     * {@link IpSetState#UNKNOWN} until the next {@link #replace}.
     */
    public void setAside(String setId) {
        if (desired.containsKey(setId)) {
            setAside.add(setId);
        }
    }

    public boolean contains(String setId) {
        return desired.containsKey(setId);
    }

    /** The members we want in a set (canonical text, without those left out), for tests. */
    public Set<String> members(String setId) {
        return Set.copyOf(require(setId).members());
    }

    /** How far rules may trust the kernel's copy of the set (after the last {@link #applyUpdates()}). */
    public IpSetState state(String setId) {
        Desired d = desired.get(setId);
        if (d == null || failures.containsKey(setId) || setAside.contains(setId)) {
            return IpSetState.UNKNOWN;
        }
        return d.refused().isEmpty() && d.members().size() <= options.maxSize() ? IpSetState.COMPLETE : IpSetState.INCOMPLETE;
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
     * Creates and updates sets (never destroys one that is wanted). A set the kernel refuses is
     * reported and left {@link IpSetState#UNKNOWN}; the others are programmed.
     *
     * @return when to call again: the next refresh, or the next retry of a set that failed
     * @throws io.calicoj.dataplane.api.DataplaneProgrammingException when the kernel's sets cannot be read
     */
    public Duration applyUpdates() {
        Instant now = clock.instant();
        if (!options.refreshInterval().isZero() && !now.isBefore(lastRead.plus(options.refreshInterval()))) {
            invalidateDataplaneCache();
        }
        if (!inSync) {
            loadDataplaneState();
        }
        Set<String> due = new TreeSet<>();
        for (String id : dirty) {
            Failure f = failures.get(id);
            if (f == null || !now.isBefore(f.retryAt())) {
                due.add(id);
            }
        }
        Map<String, String> failed = new TreeMap<>();
        Set<String> unattributed = new TreeSet<>();
        restoreEach(buildWrites(due), failed, unattributed);
        Set<String> alone = new TreeSet<>(failed.keySet());
        alone.removeAll(unattributed);
        if (!alone.isEmpty()) {
            // What the failed restores left of those sets is unknown: read the kernel, then each one alone.
            loadDataplaneState();
            for (String id : alone) {
                List<Write> write = buildWrites(List.of(id));
                String error = write.isEmpty() ? null : restore(input(write));
                if (error == null) {
                    write.forEach(this::commit);
                    failed.remove(id);
                } else {
                    failed.put(id, error);
                }
            }
        }
        for (String id : due) {
            String error = failed.get(id);
            if (error == null) {
                dirty.remove(id);
                if (failures.remove(id) != null) {
                    LOG.info("IP set {} is programmed again", id);
                    problems.resolved("ipset-failed", id);
                }
            } else {
                fail(id, error, now);
            }
        }
        if (!failed.isEmpty()) {
            invalidateDataplaneCache();
        }
        return reschedule(now);
    }

    private void fail(String id, String error, Instant now) {
        Failure old = failures.get(id);
        Duration backoff = old == null ? FIRST_FAILURE_BACKOFF : min(old.backoff().multipliedBy(2), MAX_FAILURE_BACKOFF);
        failures.put(id, new Failure(error, now.plus(backoff), backoff));
        problems.report(new DataplaneProblem.IpSetNotProgrammed(id, error));
    }

    private Duration reschedule(Instant now) {
        Duration next = io.calicoj.dataplane.iptables.Table.NO_RESCHEDULE;
        if (!options.refreshInterval().isZero()) {
            next = min(next, Duration.between(now, lastRead.plus(options.refreshInterval())));
        }
        for (Failure f : failures.values()) {
            if (!f.retryAt().equals(Instant.MIN)) {
                next = min(next, Duration.between(now, f.retryAt()));
            }
        }
        return next.isNegative() ? Duration.ZERO : next;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Restores the writes in as few runs as the kernel allows: on a failure at line N, the writes
     * before it are in, the one holding line N failed ({@code failed}), the rest go in the next run.
     * A failure without a line number is retried with backoff after re-reading the kernel; after the
     * last retry the sets still to write are {@code unattributed}.
     */
    private void restoreEach(List<Write> writes, Map<String, String> failed, Set<String> unattributed) {
        List<Write> pending = writes;
        RetryPolicy policy = options.writeRetries();
        int attempt = 0;
        while (!pending.isEmpty()) {
            String error = restore(input(pending));
            if (error == null) {
                pending.forEach(this::commit);
                return;
            }
            int culprit = culprit(pending, error);
            if (culprit >= 0) {
                pending.subList(0, culprit).forEach(this::commit);
                failed.put(pending.get(culprit).id(), error);
                pending = pending.subList(culprit + 1, pending.size());
                continue;
            }
            invalidateDataplaneCache();
            if (attempt >= policy.retries()) {
                LOG.debug("ipset restore failed {} times without naming a line: {}", attempt + 1, error);
                for (Write w : pending) {
                    failed.put(w.id(), error);
                    unattributed.add(w.id());
                }
                return;
            }
            LOG.debug("ipset restore failed, will retry (attempt {} of {}): {}", attempt + 1, policy.retries() + 1, error);
            sleeper.sleep(policy.backoff(attempt++));
            loadDataplaneState();
            pending = buildWrites(pending.stream().map(Write::id).toList());
        }
    }

    /** The index of the write that holds the line the error names, or -1. */
    private static int culprit(List<Write> writes, String error) {
        Matcher m = ERROR_LINE.matcher(error);
        if (!m.find()) {
            return -1;
        }
        long line = Long.parseLong(m.group(1));
        long end = 0;
        for (int i = 0; i < writes.size(); i++) {
            end += writes.get(i).lines().size();
            if (line <= end) {
                return i;
            }
        }
        return -1;
    }

    private static String input(List<Write> writes) {
        StringBuilder sb = new StringBuilder();
        for (Write w : writes) {
            for (String line : w.lines()) {
                sb.append(line).append('\n');
            }
        }
        return sb.append("COMMIT\n").toString();
    }

    private void commit(Write w) {
        kernel.put(w.name(), w.result());
        w.temps().forEach(kernel::remove);
    }

    private List<Write> buildWrites(Collection<String> ids) {
        List<Write> out = new ArrayList<>();
        int temp = 0;
        for (String id : ids) {
            Desired d = desired.get(id);
            if (d == null) {
                continue;
            }
            String name = nameFor(id);
            SavedIpSets.Header header = headerFor(d);
            Set<String> members = toWrite(d);
            if (members.size() < d.members().size()) {
                problems.report(new DataplaneProblem.IpSetMemberRefused(id, (d.members().size() - members.size()) + " members",
                        "the set would hold " + d.members().size() + " members, over MaxIpsetSize " + options.maxSize()));
            }
            SavedIpSets.SavedSet have = kernel.get(name);
            List<String> lines = new ArrayList<>();
            Set<String> temps = new HashSet<>();
            if (have == null) {
                lines.add(create(name, header));
                addAll(lines, name, members);
            } else if (!have.header().type().equals(header.type())) {
                LOG.warn("IP set {} has type {} in the kernel but needs {}: recreating it", name, have.header().type(), header.type());
                lines.add("destroy " + name);
                lines.add(create(name, header));
                addAll(lines, name, members);
            } else {
                Set<String> toAdd = new TreeSet<>(members);
                toAdd.removeAll(have.members());
                Set<String> toRemove = new TreeSet<>(have.members());
                toRemove.removeAll(members);
                boolean headerChanged = !have.header().equals(header);
                if (!headerChanged && toAdd.isEmpty() && toRemove.isEmpty()) {
                    continue;
                }
                if (members.isEmpty() && !headerChanged) {
                    lines.add("flush " + name);
                } else if (headerChanged || toAdd.size() + toRemove.size() > members.size()) {
                    String tempName = IpSetNames.tempName(ipVersion, temp++);
                    if (kernel.containsKey(tempName)) {
                        lines.add("destroy " + tempName);
                    }
                    lines.add(create(tempName, header));
                    addAll(lines, tempName, members);
                    lines.add("swap " + name + " " + tempName);
                    lines.add("destroy " + tempName);
                    temps.add(tempName);
                    pendingDeletions.remove(tempName);
                } else {
                    for (String m : toRemove) {
                        lines.add("del " + name + " " + m);
                    }
                    addAll(lines, name, toAdd);
                }
            }
            out.add(new Write(id, name, lines, new SavedIpSets.SavedSet(header, Set.copyOf(members)), temps));
        }
        return out;
    }

    /** The members to write: all we want, or the first {@code MaxIpsetSize} of them. */
    private Set<String> toWrite(Desired d) {
        if (d.members().size() <= options.maxSize()) {
            return d.members();
        }
        return new HashSet<>(d.members().stream().sorted().toList().subList(0, options.maxSize()));
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
            } else if (!e.getValue().members().equals(toWrite(desired.get(id)))
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

    /** Runs one {@code ipset restore}: null on success, else the error. */
    private String restore(String input) {
        restores++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("ipset restore input:\n{}", input);
        }
        try {
            CommandResult r = runner.run(Command.of("ipset", "restore", "-exist").withStdin(input));
            return r.succeeded() ? null : "exit " + r.exitCode() + ": " + r.stderr().strip();
        } catch (CommandFailedException e) {
            return e.getMessage();
        }
    }
}
