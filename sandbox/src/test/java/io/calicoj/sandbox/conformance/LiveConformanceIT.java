package io.calicoj.sandbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases on a live two-node sandbox with real packets. The examples always run;
 * the whole upstream suite runs too unless {@code -Dconformance.live=examples}.
 */
class LiveConformanceIT {

    @Test
    void conformanceCasesPassWithRealPackets() throws Exception {
        List<Path> files = new ArrayList<>();
        List<String> dirs = System.getProperty("conformance.live", "all").equals("examples")
                ? List.of("examples") : List.of("examples", "upstream");
        for (String d : dirs) {
            try (Stream<Path> s = Files.list(ConformanceFiles.dir(d))) {
                s.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        Path root = Files.createTempDirectory("cj-conformance-");
        Files.delete(root);
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int skipped = 0;
        try (SandboxCluster cluster = SandboxCluster.start(new SandboxDir(root), SandboxCluster.Options.defaults(2));
             LiveRunner runner = new LiveRunner(cluster, Duration.ofSeconds(15))) {
            for (Path f : files) {
                CaseResult r = runner.run(CaseParser.parse(f));
                System.out.println(r.line());
                switch (r.outcome()) {
                    case PASS -> passed++;
                    case SKIP -> {
                        skipped++;
                        assertThat(r.line()).as("only SCTP may be skipped").contains("SCTP");
                    }
                    case FAIL -> failures.add(r.line());
                }
            }
        }
        System.out.println(passed + " passed, " + failures.size() + " failed, " + skipped + " skipped");
        assertThat(failures).isEmpty();
        assertThat(passed).isGreaterThanOrEqualTo(files.size() - 3);
    }
}
