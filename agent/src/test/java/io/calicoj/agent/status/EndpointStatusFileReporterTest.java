package io.calicoj.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.WorkloadEndpointUpdate;
import io.calicoj.dataplane.testing.ManualClock;
import io.calicoj.model.Cidr;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.calicoj.model.k8s.WorkloadEndpointNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When the reporter writes and deletes status files, and what it writes: against an in-memory directory. */
class EndpointStatusFileReporterTest {

    /** A directory in memory that can be made to fail, recording what was done to it. */
    static final class FakeStatusFiles implements StatusFiles {
        final Map<String, String> files = new TreeMap<>();
        final List<String> operations = new ArrayList<>();
        boolean failing;

        @Override
        public java.util.Set<String> list() {
            operations.add("list");
            return java.util.Set.copyOf(files.keySet());
        }

        @Override
        public void write(String name, String content) throws IOException {
            operations.add("write " + name);
            if (failing) {
                throw new IOException("disk full");
            }
            files.put(name, content);
        }

        @Override
        public void delete(String name) throws IOException {
            operations.add("delete " + name);
            if (failing) {
                throw new IOException("read-only file system");
            }
            files.remove(name);
        }

        @Override
        public void deleteAll() {
            operations.add("deleteAll");
            files.clear();
        }
    }

    private final FakeStatusFiles dir = new FakeStatusFiles();
    private final ManualClock clock = new ManualClock();
    private final EndpointStatusFileReporter reporter = new EndpointStatusFileReporter(dir, clock);

    private static WorkloadEndpointUpdate pod(String name, String ip) {
        return new WorkloadEndpointUpdate(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1",
                WorkloadEndpointNames.forPod("node1", name)), "cali" + name + "0123456", "", List.of(Cidr.parse(ip + "/32")),
                List.of(), List.of(), List.of("kns.ns1"));
    }

    @Test
    void atStartEveryFileThereIsDeletedBeforeAnythingIsWritten() throws IOException {
        dir.files.put("k8s ns1%2Fstale eth0", "{}");
        reporter.start();
        assertThat(dir.files).isEmpty();
        assertThat(dir.operations).containsExactly("deleteAll");
    }

    @Test
    void aProgrammedEndpointGetsItsFileWithCalicosJson() {
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        assertThat(dir.files).containsExactly(Map.entry("k8s ns1%2Fdb eth0",
                "{\"ifaceName\":\"calidb0123456\",\"ipv4Nets\":[\"10.65.0.2/32\"]}"));
    }

    @Test
    void allFieldsInCalicosOrder() {
        WorkloadEndpointUpdate w = new WorkloadEndpointUpdate(pod("db", "10.65.0.2").key(), "calidb0123456", "ee:ee:ee:ee:ee:ee",
                List.of(Cidr.parse("10.65.0.2/32"), Cidr.parse("10.65.0.3/32")), List.of(Cidr.parse("fd00::2/128")), List.of(),
                List.of());
        assertThat(EndpointStatusFileReporter.json(w)).isEqualTo("{\"ifaceName\":\"calidb0123456\",\"mac\":\"ee:ee:ee:ee:ee:ee\","
                + "\"ipv4Nets\":[\"10.65.0.2/32\",\"10.65.0.3/32\"],\"ipv6Nets\":[\"fd00::2/128\"]}");
    }

    @Test
    void anUnchangedEndpointIsNotWrittenAgainAChangedOneIsAndAGoneOneIsDeleted() {
        reporter.programmed(List.of(pod("db", "10.65.0.2"), pod("web", "10.65.0.3")));
        reporter.programmed(List.of(pod("db", "10.65.0.2"), pod("web", "10.65.0.3")));
        reporter.programmed(List.of(pod("db", "10.65.0.9")));
        assertThat(dir.operations).containsExactly("write k8s ns1%2Fdb eth0", "write k8s ns1%2Fweb eth0",
                "write k8s ns1%2Fdb eth0", "delete k8s ns1%2Fweb eth0");
        assertThat(dir.files.get("k8s ns1%2Fdb eth0")).contains("10.65.0.9/32");
    }

    @Test
    void aWriteOrDeleteThatFailedIsTriedAgainNextTime() {
        dir.failing = true;
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        assertThat(dir.files).isEmpty();
        dir.failing = false;
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        assertThat(dir.files).containsKey("k8s ns1%2Fdb eth0");
        dir.failing = true;
        reporter.programmed(List.of());
        dir.failing = false;
        reporter.programmed(List.of());
        assertThat(dir.files).isEmpty();
    }

    @Test
    void anEndpointWhoseNameCannotBeSplitGetsNoFile() {
        WorkloadEndpointUpdate odd = new WorkloadEndpointUpdate(ResourceKey.of(ResourceKind.WORKLOAD_ENDPOINT, "ns1", "odd"),
                "caliodd", "", List.of(), List.of(), List.of(), List.of());
        reporter.programmed(List.of(odd, pod("db", "10.65.0.2")));
        assertThat(dir.files).containsOnlyKeys("k8s ns1%2Fdb eth0");
    }

    @Test
    void aFileSomeoneDeletedIsWrittenAgainAtTheNextCheckAndOthersFilesAreLeftAlone() {
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        dir.files.clear();
        dir.files.put("k8s ns2%2Fother eth0", "{}");
        clock.advance(java.time.Duration.ofSeconds(EndpointStatusFileReporter.RECHECK_SECONDS - 1));
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        assertThat(dir.files).containsOnlyKeys("k8s ns2%2Fother eth0");
        clock.advance(java.time.Duration.ofSeconds(1));
        reporter.programmed(List.of(pod("db", "10.65.0.2")));
        assertThat(dir.files).containsOnlyKeys("k8s ns1%2Fdb eth0", "k8s ns2%2Fother eth0");
    }
}
