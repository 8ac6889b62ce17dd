package io.calicoj.agent.status;

import io.calicoj.dataplane.api.EndpointStatusListener;
import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.model.Cidr;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calico 3.30's endpoint status files ({@code felix/statusrep}): one file per local workload endpoint
 * whose chains are in the kernel (its policy, or a fail-closed drop), named as
 * {@link StatusFileNames} says and holding Calico's JSON ({@code ifaceName}, {@code mac},
 * {@code ipv4Nets}, {@code ipv6Nets}, empty ones left out); the CNI plugin waits for it before a
 * pod's ADD succeeds. The dataplane tells it after each successful apply which endpoints are
 * programmed ({@link EndpointStatusListener}): a new or changed endpoint's file is written, a gone
 * one's deleted. {@link #start()} deletes every file found there first, unlike Calico (which removes
 * stale files only once in sync): an endpoint is not known to be programmed until this agent has
 * programmed it, and a stale file must not let a pod start while the agent syncs. Writes that fail
 * are retried on the next apply; every {@value #RECHECK_SECONDS} s (Calico's reapply interval) the
 * directory is listed and a file of ours someone deleted is written again (files that are not ours
 * are left alone after start). Runs on the dataplane's thread.
 */
public final class EndpointStatusFileReporter implements EndpointStatusListener {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointStatusFileReporter.class);
    static final int RECHECK_SECONDS = 10;

    private final StatusFiles files;
    private final InstantSource clock;
    private Instant nextCheck = Instant.MIN;
    /** File name → content, as written. */
    private final Map<String, String> written = new HashMap<>();
    private final Set<String> unnamed = new HashSet<>();

    public EndpointStatusFileReporter(StatusFiles files, InstantSource clock) {
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes every status file there (nothing is programmed by this agent yet). Call before the dataplane starts. */
    public void start() throws IOException {
        files.deleteAll();
        written.clear();
    }

    @Override
    public void programmed(Collection<WorkloadEndpointUpdate> programmed) {
        Map<String, String> wanted = new TreeMap<>();
        for (WorkloadEndpointUpdate w : programmed) {
            Optional<String> name = StatusFileNames.of(w.key());
            if (name.isEmpty()) {
                if (unnamed.add(w.key().toString())) {
                    LOG.warn("No endpoint status file for {}: not the endpoint of a pod (<node>-k8s-<pod>-eth0)", w.key());
                }
                continue;
            }
            wanted.put(name.get(), json(w));
        }
        forgetDeletedFiles();
        wanted.forEach((name, content) -> {
            if (!content.equals(written.get(name))) {
                try {
                    files.write(name, content);
                    written.put(name, content);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not write endpoint status file '{}' (will retry): {}", name, e.toString());
                }
            }
        });
        for (String name : List.copyOf(written.keySet())) {
            if (!wanted.containsKey(name)) {
                try {
                    files.delete(name);
                    written.remove(name);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not delete endpoint status file '{}' (will retry): {}", name, e.toString());
                }
            }
        }
    }

    /** Every {@value #RECHECK_SECONDS} s: a file we wrote that is gone is forgotten, so it is written again. */
    private void forgetDeletedFiles() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plusSeconds(RECHECK_SECONDS);
        if (written.isEmpty()) {
            return;
        }
        try {
            Set<String> there = files.list();
            written.keySet().removeIf(name -> !there.contains(name));
        } catch (IOException e) {
            LOG.warn("Could not list the endpoint status directory (will retry): {}", e.toString());
        }
    }

    /** Calico's {@code WorkloadEndpointStatus} as Go's encoding/json writes it, empty fields left out. */
    static String json(WorkloadEndpointUpdate w) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "ifaceName", quote(w.interfaceName()), w.interfaceName().isEmpty());
        field(sb, "mac", quote(w.mac()), w.mac().isEmpty());
        field(sb, "ipv4Nets", nets(w.ipv4Nets()), w.ipv4Nets().isEmpty());
        field(sb, "ipv6Nets", nets(w.ipv6Nets()), w.ipv6Nets().isEmpty());
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, String value, boolean empty) {
        if (empty) {
            return;
        }
        if (sb.length() > 1) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":").append(value);
    }

    private static String nets(List<Cidr> nets) {
        return "[" + String.join(",", nets.stream().map(c -> quote(c.toString())).toList()) + "]";
    }

    /** A JSON string; the values here (interface names, MACs, CIDRs) hold no character that needs more than this. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
