package io.calicoj.dataplane.iptables;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import io.calicoj.dataplane.api.DataplaneProgrammingException;
import io.calicoj.dataplane.KernelReads;
import io.calicoj.dataplane.RetryPolicy;
import io.calicoj.dataplane.Sleeper;
import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One iptables table (filter, raw, …) as Felix's {@code Table}: desired chains plus the rules we
 * insert into (or append to) the kernel's chains, reconciled with the kernel in one
 * {@code iptables-restore --noflush} transaction per {@link #apply()}.
 *
 * <ul>
 *   <li>A chain is programmed only while something refers to it (a rule of a known chain, an
 *       inserted or appended rule); when the last reference goes, it is deleted.</li>
 *   <li>The kernel's state is read back with {@code iptables-save -t <table>} on the first apply,
 *       on the refresh timer, at 1, 2, 4 … × the post-write interval after each write and after a
 *       failed restore (before every write too with {@link Options#rereadBeforeWrite()}, as Felix).
 *       Writes are diffed against what was last read or written. Only rule hashes are compared: a
 *       chain of ours that differs is rewritten (by rule replacements, appends and deletes), a stale
 *       chain with our prefix is deleted, and a kernel chain whose inserts are missing, moved or
 *       duplicated gets all of ours deleted (by value) and re-inserted at the top. Other programs'
 *       rules and chains are never touched.</li>
 *   <li>A failed restore is retried with exponential backoff, re-reading the kernel first. One chain
 *       the kernel keeps refusing does not hold back the others: when a retry fails again on a line
 *       of a chain that has a fail-closed stand-in (see {@code standIns}), that chain is programmed
 *       as its stand-in instead (it drops everything) and the rest is written; when the error names
 *       no such line (legacy iptables reports kernel-side refusals at the COMMIT line), the chains
 *       being written are bisected, with real transactions that leave the kernel fail-closed at every
 *       step, until the ones the kernel refuses are found. Chains replaced so are reported, retried
 *       when their content changes and after a growing delay. Only when the rest still fails (a
 *       static chain, a kernel-chain hook, a deletion) is a {@link DataplaneProgrammingException}
 *       thrown, carrying the exact input and the table's state.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread (the dataplane driver's) owns it.
 */
public final class Table {

    private static final Logger LOG = LoggerFactory.getLogger(Table.class);
    private static final Duration MAX_POST_WRITE_INTERVAL = Duration.ofHours(1);
    private static final Duration FIRST_STAND_IN_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_STAND_IN_RETRY = Duration.ofMinutes(5);
    /** nft: "line 5: RULE_APPEND failed …"; both: "Error occurred at line: 3"; legacy kernel refusals: "line 7 failed". */
    private static final Pattern ERROR_LINE = Pattern.compile("(?:line:? )(\\d+)");
    /** Returned by {@link #apply()} when nothing needs a later call. */
    public static final Duration NO_RESCHEDULE = Duration.ofHours(1);

    /**
     * @param refreshInterval   how often the kernel is re-read to catch drift (Felix IptablesRefreshInterval; zero: never)
     * @param postWriteInterval the first re-read after a write (Felix IptablesPostWriteCheckIntervalSecs; zero: never)
     * @param insertMode        {@code insert} (our hooks at the top of kernel chains) or {@code append} (Felix ChainInsertMode)
     * @param lockTimeout       {@code --wait} for the xtables lock
     * @param ownedPrefix       chains whose names start with it are ours (stale ones are deleted)
     * @param rereadBeforeWrite re-read the kernel before every write, as Felix does (costly with iptables-nft:
     *                          saving 14k rules takes 300-600 ms); off, a write is diffed against what we last
     *                          read or wrote, and a change made meanwhile by someone else either fails the
     *                          (atomic) restore, which is then retried after a re-read, or is repaired by the
     *                          post-write check
     */
    public record Options(Duration refreshInterval, Duration postWriteInterval, String insertMode, Duration lockTimeout,
                          RetryPolicy writeRetries, RetryPolicy readRetries, String ownedPrefix, boolean rereadBeforeWrite) {
        public Options {
            Objects.requireNonNull(refreshInterval, "refreshInterval");
            Objects.requireNonNull(postWriteInterval, "postWriteInterval");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            Objects.requireNonNull(writeRetries, "writeRetries");
            Objects.requireNonNull(readRetries, "readRetries");
            Objects.requireNonNull(ownedPrefix, "ownedPrefix");
            if (!insertMode.equals("insert") && !insertMode.equals("append")) {
                throw new IllegalArgumentException("ChainInsertMode = '" + insertMode + "': must be insert or append");
            }
        }

        /** Modern Felix's defaults (refresh 180 s, post-write check from 1 s, insert mode, 10 s lock wait), no re-read before writes. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(180), Duration.ofSeconds(1), "insert", Duration.ofSeconds(10),
                    RetryPolicy.IPTABLES, RetryPolicy.READS, "cali-", false);
        }

        public Options withRefreshInterval(Duration d) {
            return new Options(d, postWriteInterval, insertMode, lockTimeout, writeRetries, readRetries, ownedPrefix,
                    rereadBeforeWrite);
        }

        public Options withPostWriteInterval(Duration d) {
            return new Options(refreshInterval, d, insertMode, lockTimeout, writeRetries, readRetries, ownedPrefix,
                    rereadBeforeWrite);
        }

        public Options withRereadBeforeWrite(boolean reread) {
            return new Options(refreshInterval, postWriteInterval, insertMode, lockTimeout, writeRetries, readRetries, ownedPrefix,
                    reread);
        }

        public Options withInsertMode(String mode) {
            return new Options(refreshInterval, postWriteInterval, mode, lockTimeout, writeRetries, readRetries, ownedPrefix,
                    rereadBeforeWrite);
        }
    }

    private final String name;
    private final IptablesBackend backend;
    private final CommandRunner runner;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final Options options;
    private final Function<String, Optional<Chain>> standIns;
    private final DataplaneProblems problems;

    // Desired state.
    private final Map<String, Chain> chains = new HashMap<>();
    private final Map<String, List<String>> chainHashes = new HashMap<>();
    private final Map<String, Integer> refCounts = new HashMap<>();
    private final Map<String, List<Rule>> inserts = new HashMap<>();
    private final Map<String, List<Rule>> appends = new HashMap<>();

    // What we believe the kernel has: hashes per chain ("" for others' rules) and, for chains we do
    // not own, the text of each of our rules ("" for others' rules).
    private Map<String, List<String>> kernelHashes = new HashMap<>();
    private Map<String, List<String>> kernelTexts = new HashMap<>();
    private final Set<String> dirtyChains = new TreeSet<>();
    // What the restore being built will leave in the kernel (null hashes: chain deleted).
    private final Map<String, List<String>> pendingHashes = new HashMap<>();
    private final Map<String, List<String>> pendingTexts = new HashMap<>();
    private final Set<String> dirtyInsertAppend = new TreeSet<>();
    private boolean inSync;
    private Instant lastRead = Instant.EPOCH;
    private Instant lastWrite = Instant.EPOCH;
    private Duration postWriteInterval = MAX_POST_WRITE_INTERVAL;
    private int restores;
    // Chains written as their fail-closed stand-in (chain → the kernel's error), and when to try them again.
    private final Map<String, String> standingIn = new TreeMap<>();
    private final Set<String> liftedStandIns = new TreeSet<>();
    private Instant standInRetryAt = Instant.MAX;
    private Duration standInBackoff = FIRST_STAND_IN_RETRY;

    public Table(String name, IptablesBackend backend, CommandRunner runner, InstantSource clock, Sleeper sleeper,
                 Options options) {
        this(name, backend, runner, clock, sleeper, options, chain -> Optional.empty(), DataplaneProblems.NONE);
    }

    /**
     * @param standIns  for a chain of ours, what to program instead when the kernel refuses it (a chain
     *                  of the same name that fails closed), or empty when it must be programmed as desired
     * @param problems  told about chains programmed as their stand-in, and when they are programmed again
     */
    public Table(String name, IptablesBackend backend, CommandRunner runner, InstantSource clock, Sleeper sleeper,
                 Options options, Function<String, Optional<Chain>> standIns, DataplaneProblems problems) {
        this.name = Objects.requireNonNull(name, "name");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.options = Objects.requireNonNull(options, "options");
        this.standIns = Objects.requireNonNull(standIns, "standIns");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    public String name() {
        return name;
    }

    public IptablesBackend backend() {
        return backend;
    }

    /** How many restore transactions this table has run (successful or not): for tests and metrics. */
    public int restoreCount() {
        return restores;
    }

    /** Adds or replaces a chain of ours. */
    public void updateChain(Chain chain) {
        requireOwned(chain.name());
        Chain old = chains.put(chain.name(), chain);
        if (chain.equals(old)) {
            return;
        }
        chainHashes.put(chain.name(), chain.hashes());
        liftStandIn(chain.name());
        increfTargets(chain.rules());
        if (old != null) {
            decrefTargets(old.rules());
        }
        if (refCounts.getOrDefault(chain.name(), 0) > 0) {
            dirtyChains.add(chain.name());
        }
        changed();
    }

    public void updateChains(Collection<Chain> cs) {
        cs.forEach(this::updateChain);
    }

    /** Forgets a chain; it is deleted from the kernel (once nothing of ours refers to it). */
    public void removeChain(String chainName) {
        Chain old = chains.remove(chainName);
        if (old == null) {
            return;
        }
        chainHashes.remove(chainName);
        if (standingIn.remove(chainName) != null) {
            problems.resolved("chain-failed", chainName);
        }
        if (refCounts.getOrDefault(chainName, 0) > 0) {
            dirtyChains.add(chainName);
        }
        decrefTargets(old.rules());
        changed();
    }

    public void removeChains(Collection<String> names) {
        names.forEach(this::removeChain);
    }

    /** The rules we insert at the top (or, in append mode, the bottom) of a kernel chain such as FORWARD. */
    public void setInsertedRules(String kernelChain, List<Rule> rules) {
        replaceKernelChainRules(inserts, kernelChain, rules);
    }

    /** The rules we append to the bottom of a kernel chain (Felix's "append rules"). */
    public void setAppendedRules(String kernelChain, List<Rule> rules) {
        replaceKernelChainRules(appends, kernelChain, rules);
    }

    private void replaceKernelChainRules(Map<String, List<Rule>> map, String kernelChain, List<Rule> rules) {
        if (isOwned(kernelChain)) {
            throw new IllegalArgumentException("chain " + kernelChain + " is ours: update it instead of inserting into it");
        }
        List<Rule> copy = List.copyOf(rules);
        List<Rule> old = copy.isEmpty() ? map.remove(kernelChain) : map.put(kernelChain, copy);
        if (copy.equals(old == null ? List.of() : old)) {
            return;
        }
        increfTargets(copy);
        if (old != null) {
            decrefTargets(old);
        }
        dirtyInsertAppend.add(kernelChain);
        changed();
    }

    private void changed() {
        if (options.rereadBeforeWrite()) {
            invalidateDataplaneCache();
        }
    }

    /** Makes the next {@link #apply()} re-read the kernel before writing. */
    public void invalidateDataplaneCache() {
        inSync = false;
    }

    /** The chains that would be programmed now (known and referenced). */
    public Set<String> programmedChainNames() {
        Set<String> out = new TreeSet<>();
        for (String c : chains.keySet()) {
            if (refCounts.getOrDefault(c, 0) > 0) {
                out.add(c);
            }
        }
        return out;
    }

    /** The chains programmed as their fail-closed stand-in, with the kernel's error. */
    public Map<String, String> standingIn() {
        return Map.copyOf(standingIn);
    }

    /**
     * Brings the kernel in line with the desired state (reading it first when needed). A chain the
     * kernel refuses is programmed as its stand-in, so that the rest gets in.
     *
     * @return when to call again for the next refresh, post-write check or retry of a stand-in
     * @throws DataplaneProgrammingException when every retry failed and no stand-in helped
     */
    public Duration apply() {
        Instant now = clock.instant();
        if (!options.refreshInterval().isZero() && !now.isBefore(lastRead.plus(options.refreshInterval()))) {
            invalidateDataplaneCache();
        }
        while (postWriteInterval.compareTo(MAX_POST_WRITE_INTERVAL) < 0
                && !now.isBefore(lastWrite.plus(postWriteInterval))) {
            postWriteInterval = postWriteInterval.multipliedBy(2);
            invalidateDataplaneCache();
        }
        if (!standingIn.isEmpty() && !now.isBefore(standInRetryAt)) {
            retryStandIns();
        }
        RetryPolicy policy = options.writeRetries();
        for (int attempt = 0; ; ) {
            if (!inSync) {
                loadDataplaneState();
            }
            String input = buildRestoreInput();
            if (input == null) {
                break;
            }
            String error = restore(input);
            if (error == null) {
                break;
            }
            invalidateDataplaneCache();
            // A stale view fails too: only a line refused again after a re-read is the chain's own.
            String chain = attempt > 0 ? refusedChain(input, error) : null;
            if (chain != null) {
                standIn(chain, error);
                continue;
            }
            if (attempt < policy.retries()) {
                LOG.debug("{} {} failed, will retry (attempt {} of {}): {}", backend.restoreCommand(), name,
                        attempt + 1, policy.retries() + 1, error);
                sleeper.sleep(policy.backoff(attempt++));
                continue;
            }
            if (isolate(error)) {
                break;
            }
            String state = saveForDiagnostics();
            LOG.debug("{} {} failed after {} attempts: {}\nrestore input:\n{}\ncurrent state:\n{}", backend.restoreCommand(),
                    name, attempt + 1, error, input, state);
            throw new DataplaneProgrammingException("failed to program iptables table " + name + " with "
                    + backend.restoreCommand() + " after " + (attempt + 1) + " attempts: " + error, input, state, null);
        }
        liftedStandIns.forEach(c -> problems.resolved("chain-failed", c));
        liftedStandIns.clear();
        if (standingIn.isEmpty()) {
            standInBackoff = FIRST_STAND_IN_RETRY;
            standInRetryAt = Instant.MAX;
        }
        return reschedule(now);
    }

    /** Tries the chains standing in with their real content again (they stand in again if refused again). */
    private void retryStandIns() {
        LOG.info("Trying chains {} of table {} again", standingIn.keySet(), name);
        List.copyOf(standingIn.keySet()).forEach(this::liftStandIn);
        standInBackoff = min(standInBackoff.multipliedBy(2), MAX_STAND_IN_RETRY);
        standInRetryAt = Instant.MAX;
    }

    /** The chain programmed in place of the desired one: a stand-in that fails closed. */
    private void standIn(String chain, String error) {
        standingIn.put(chain, error);
        liftedStandIns.remove(chain);
        markDirty(chain);
        if (standInRetryAt.equals(Instant.MAX)) {
            standInRetryAt = clock.instant().plus(standInBackoff);
        }
        problems.report(new DataplaneProblem.ChainNotProgrammed(name, chain, error));
    }

    /** The chain gets its real content back (it stands in again if the kernel still refuses it). */
    private void liftStandIn(String chain) {
        if (standingIn.remove(chain) != null) {
            liftedStandIns.add(chain);
            markDirty(chain);
        }
    }

    private void markDirty(String chain) {
        if (refCounts.getOrDefault(chain, 0) > 0) {
            dirtyChains.add(chain);
        }
    }

    /**
     * The chain of ours, being written and with a stand-in, that the line the error names belongs to;
     * null when the error names no such line.
     */
    private String refusedChain(String input, String error) {
        Matcher m = ERROR_LINE.matcher(error);
        if (!m.find()) {
            return null;
        }
        int line = Integer.parseInt(m.group(1));
        String[] lines = input.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return null;
        }
        String[] w = lines[line - 1].strip().split("\\s+");
        String chain = w.length >= 2 && (w[0].equals("-A") || w[0].equals("-R") || w[0].equals("-I") || w[0].equals("-D"))
                ? w[1] : null;
        return chain != null && canStandIn(chain) ? chain : null;
    }

    private boolean canStandIn(String chain) {
        return isOwned(chain) && chains.containsKey(chain) && !standingIn.containsKey(chain)
                && standIns.apply(chain).isPresent();
    }

    /**
     * Finds the chains the kernel refuses by bisection, when the error did not say: first every chain
     * being written that can stand in does, then they get their real content back group by group,
     * halving a group the kernel refuses. Every step is a transaction that leaves the kernel consistent
     * and fail-closed, so what succeeded stays. False when even the stand-ins do not help.
     */
    private boolean isolate(String error) {
        List<String> candidates = dirtyChains.stream().filter(c -> desired(c) != null && canStandIn(c)).toList();
        if (candidates.isEmpty()) {
            return false;
        }
        Set<String> liftedBefore = Set.copyOf(liftedStandIns);
        candidates.forEach(c -> standingIn.put(c, error));
        if (!tryWrite()) {
            candidates.forEach(this::liftStandIn);
            liftedStandIns.retainAll(liftedBefore);
            return false;
        }
        List<String> refused = new ArrayList<>();
        bisect(candidates, refused);
        liftedStandIns.removeIf(c -> candidates.contains(c) && !liftedBefore.contains(c));
        LOG.debug("Bisection of table {} found the kernel refuses {}", name, refused);
        for (String c : refused) {
            standingIn.remove(c);
            standIn(c, error);
        }
        return true;
    }

    /** Gives the group its real content back; the part the kernel refuses stands in again ({@code refused}). */
    private void bisect(List<String> group, List<String> refused) {
        group.forEach(this::liftStandIn);
        if (tryWrite()) {
            return;
        }
        group.forEach(c -> {
            standingIn.put(c, "");
            markDirty(c);
        });
        if (group.size() == 1) {
            refused.add(group.get(0));
            return;
        }
        bisect(group.subList(0, group.size() / 2), refused);
        bisect(group.subList(group.size() / 2, group.size()), refused);
    }

    /** One restore of what is pending now; true when it succeeded (or there was nothing to write). */
    private boolean tryWrite() {
        String input = buildRestoreInput();
        if (input == null) {
            return true;
        }
        if (restore(input) == null) {
            return true;
        }
        if (input.indexOf("COMMIT") != input.lastIndexOf("COMMIT")) {
            loadDataplaneState(); // two transactions: the first may have committed
        }
        return false;
    }

    private Duration reschedule(Instant now) {
        Duration next = NO_RESCHEDULE;
        if (!options.refreshInterval().isZero()) {
            next = min(next, Duration.between(now, lastRead.plus(options.refreshInterval())));
        }
        if (postWriteInterval.compareTo(MAX_POST_WRITE_INTERVAL) < 0) {
            Duration untilCheck = Duration.between(now, lastWrite.plus(postWriteInterval));
            next = min(next, untilCheck.isNegative() || untilCheck.isZero() ? Duration.ofMillis(1) : untilCheck);
        }
        if (!standingIn.isEmpty()) {
            next = min(next, Duration.between(now, standInRetryAt));
        }
        return next.isNegative() ? Duration.ZERO : next;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- reading the kernel ----

    private void loadDataplaneState() {
        SavedTable saved = SavedTable.parse(name, readSave());
        lastRead = clock.instant();
        Set<String> names = new HashSet<>(saved.hashes().keySet());
        names.addAll(chains.keySet());
        names.addAll(inserts.keySet());
        names.addAll(appends.keySet());
        for (String chain : names) {
            List<String> actual = saved.hashes().get(chain);
            if (isOwned(chain)) {
                Chain want = desired(chain);
                if (want == null ? actual != null : !desiredHashes(chain).equals(actual)) {
                    if (want == null) {
                        LOG.info("Found unexpected chain {} in table {}, marking it for removal", chain, name);
                    } else if (actual != null) {
                        LOG.warn("Chain {} in table {} differs from what we programmed, marking it for resync", chain, name);
                    }
                    dirtyChains.add(chain);
                }
            } else {
                List<String> have = actual == null ? List.of() : actual;
                if (!have.equals(expectedKernelChainHashes(chain, countForeign(have)))) {
                    if (!hasOurs(have) && inserts.containsKey(chain)) {
                        LOG.info("Our rules are missing from {} {}, (re)inserting them", name, chain);
                    } else {
                        LOG.warn("Our rules in {} {} are out of place, repairing them", name, chain);
                    }
                    dirtyInsertAppend.add(chain);
                }
            }
        }
        kernelHashes = new HashMap<>(saved.hashes());
        kernelTexts = new HashMap<>(saved.ruleTexts());
        inSync = true;
    }

    private String readSave() {
        return KernelReads.read(runner, Command.of(backend.saveCommand(), "-t", name), options.readRetries(), sleeper,
                r -> r.stderr().contains("does not exist")); // nft: the table was never created in this namespace
    }

    private String saveForDiagnostics() {
        return KernelReads.forDiagnostics(runner, Command.of(backend.saveCommand(), "-t", name));
    }

    // ---- writing ----

    /** The restore input for all pending changes, or null when there are none. */
    private String buildRestoreInput() {
        StringBuilder in = new StringBuilder(256).append('*').append(name).append('\n');
        int ops = 0;
        List<String> deletions = new ArrayList<>();
        pendingHashes.clear();
        pendingTexts.clear();
        for (String chain : dirtyChains) {
            boolean exists = kernelHashes.containsKey(chain);
            Chain want = desired(chain);
            if (want == null && exists) {
                in.append(':').append(chain).append(" - [0:0]\n"); // flush: severs its references first
                deletions.add(chain);
                ops++;
            } else if (want != null && !exists) {
                in.append(':').append(chain).append(" - [0:0]\n");
                ops++;
            }
        }
        for (String chain : dirtyChains) {
            Chain want = desired(chain);
            if (want == null) {
                continue;
            }
            List<String> previous = kernelHashes.getOrDefault(chain, List.of());
            List<String> current = desiredHashes(chain);
            for (int i = 0; i < Math.max(previous.size(), current.size()); i++) {
                if (i < previous.size() && i < current.size()) {
                    if (!previous.get(i).equals(current.get(i))) {
                        in.append(RuleHashes.renderReplace(chain, i + 1, want.rules().get(i), current.get(i))).append('\n');
                        ops++;
                    }
                } else if (i < previous.size()) {
                    in.append("-D ").append(chain).append(' ').append(current.size() + 1).append('\n');
                    ops++;
                } else {
                    in.append(RuleHashes.renderAppend(chain, want.rules().get(i), current.get(i))).append('\n');
                    ops++;
                }
            }
            pendingHashes.put(chain, current);
        }
        for (String chain : dirtyInsertAppend) {
            List<String> previous = kernelHashes.getOrDefault(chain, List.of());
            List<String> previousTexts = kernelTexts.getOrDefault(chain, List.of());
            int foreign = countForeign(previous);
            List<String> expected = expectedKernelChainHashes(chain, foreign);
            if (expected.equals(previous)) {
                continue;
            }
            for (int i = 0; i < previous.size(); i++) {
                if (!previous.get(i).isEmpty()) {
                    String text = i < previousTexts.size() ? previousTexts.get(i) : "";
                    if (!text.startsWith("-A ")) {
                        throw new IllegalStateException("no text for our rule " + i + " in " + name + " " + chain);
                    }
                    in.append("-D").append(text.substring(2)).append('\n');
                    ops++;
                }
            }
            ops += writeKernelChainRules(in, chain, foreign);
            pendingHashes.put(chain, expected);
        }
        if (ops == 0) {
            dirtyChains.clear();
            dirtyInsertAppend.clear();
            return null;
        }
        if (!deletions.isEmpty() && backend == IptablesBackend.NFT) {
            // iptables-nft-restore checks references against the state at the start of a transaction:
            // delete in a second one, after the first has removed the references.
            in.append("COMMIT\n*").append(name).append('\n');
        }
        for (String chain : deletions) {
            in.append("--delete-chain ").append(chain).append('\n');
            pendingHashes.put(chain, null);
        }
        in.append("COMMIT\n");
        return in.toString();
    }

    private int writeKernelChainRules(StringBuilder in, String chain, int foreign) {
        List<Rule> ins = inserts.getOrDefault(chain, List.of());
        List<Rule> apps = appends.getOrDefault(chain, List.of());
        List<String> insHashes = RuleHashes.of(chain, ins);
        List<String> appHashes = RuleHashes.of(chain + "*appends*", apps);
        List<String> insTexts = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            insTexts.add(RuleHashes.renderAppend(chain, ins.get(i), insHashes.get(i)));
        }
        int ops = 0;
        if (options.insertMode().equals("insert")) {
            for (int i = ins.size() - 1; i >= 0; i--) {
                in.append(RuleHashes.renderInsert(chain, ins.get(i), insHashes.get(i))).append('\n');
                ops++;
            }
        } else {
            for (String t : insTexts) {
                in.append(t).append('\n');
                ops++;
            }
        }
        List<String> texts = new ArrayList<>();
        if (options.insertMode().equals("insert")) {
            texts.addAll(insTexts);
            texts.addAll(Collections.nCopies(foreign, ""));
        } else {
            texts.addAll(Collections.nCopies(foreign, ""));
            texts.addAll(insTexts);
        }
        for (int i = 0; i < apps.size(); i++) {
            String line = RuleHashes.renderAppend(chain, apps.get(i), appHashes.get(i));
            in.append(line).append('\n');
            texts.add(line);
            ops++;
        }
        pendingTexts.put(chain, texts);
        return ops;
    }

    /** Runs the restore; null on success, else the error. */
    private String restore(String input) {
        Command cmd = Command.of(backend.restoreCommand(), "--noflush", "--wait",
                Long.toString(Math.max(1, options.lockTimeout().toSeconds()))).withStdin(input);
        restores++;
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} input:\n{}", backend.restoreCommand(), input);
        }
        String error;
        try {
            CommandResult r = runner.run(cmd);
            if (r.succeeded()) {
                commitPending();
                return null;
            }
            error = "exit " + r.exitCode() + ": " + r.stderr().strip();
        } catch (CommandFailedException e) {
            error = e.getMessage();
        }
        return error;
    }

    private void commitPending() {
        pendingHashes.forEach((chain, hashes) -> {
            if (hashes == null) {
                kernelHashes.remove(chain);
                kernelTexts.remove(chain);
            } else {
                kernelHashes.put(chain, hashes);
            }
        });
        kernelTexts.putAll(pendingTexts);
        dirtyChains.clear();
        dirtyInsertAppend.clear();
        lastWrite = clock.instant();
        postWriteInterval = options.postWriteInterval().isZero() ? MAX_POST_WRITE_INTERVAL : options.postWriteInterval();
    }

    // ---- helpers ----

    /** The hashes a kernel chain should have given how many of others' rules it holds. */
    private List<String> expectedKernelChainHashes(String chain, int foreign) {
        List<String> ins = RuleHashes.of(chain, inserts.getOrDefault(chain, List.of()));
        List<String> apps = RuleHashes.of(chain + "*appends*", appends.getOrDefault(chain, List.of()));
        List<String> out = new ArrayList<>(ins.size() + foreign + apps.size());
        List<String> gap = Collections.nCopies(foreign, "");
        if (options.insertMode().equals("insert")) {
            out.addAll(ins);
            out.addAll(gap);
        } else {
            out.addAll(gap);
            out.addAll(ins);
        }
        out.addAll(apps);
        return out;
    }

    private static int countForeign(List<String> hashes) {
        int n = 0;
        for (String h : hashes) {
            if (h.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasOurs(List<String> hashes) {
        return countForeign(hashes) < hashes.size();
    }

    /** What to program for a chain: null when it is not referenced, its stand-in while it stands in. */
    private Chain desired(String chain) {
        if (refCounts.getOrDefault(chain, 0) <= 0) {
            return null;
        }
        return standingIn.containsKey(chain) ? standIns.apply(chain).orElseThrow() : chains.get(chain);
    }

    private List<String> desiredHashes(String chain) {
        return standingIn.containsKey(chain) ? desired(chain).hashes() : chainHashes.get(chain);
    }

    private boolean isOwned(String chain) {
        return chain.startsWith(options.ownedPrefix());
    }

    private void requireOwned(String chain) {
        if (!isOwned(chain)) {
            throw new IllegalArgumentException("chain " + chain + " does not start with " + options.ownedPrefix()
                    + ": only our own chains can be programmed");
        }
    }

    private void increfTargets(List<Rule> rules) {
        for (Rule r : rules) {
            r.action().referencedChain().ifPresent(target -> {
                if (refCounts.merge(target, 1, Integer::sum) == 1 && isOwned(target)) {
                    dirtyChains.add(target);
                }
            });
        }
    }

    private void decrefTargets(List<Rule> rules) {
        for (Rule r : rules) {
            r.action().referencedChain().ifPresent(target -> {
                int left = refCounts.merge(target, -1, Integer::sum);
                if (left <= 0) {
                    refCounts.remove(target);
                    if (isOwned(target)) {
                        dirtyChains.add(target);
                    }
                }
            });
        }
    }
}
