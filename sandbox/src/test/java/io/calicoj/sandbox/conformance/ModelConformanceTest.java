package io.calicoj.sandbox.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every upstream NetworkPolicy conformance case passes through conversion and the kernel-free evaluator. */
class ModelConformanceTest {

    @TestFactory
    Stream<DynamicTest> everyUpstreamCasePassesInModelMode() throws IOException {
        ModelRunner runner = new ModelRunner(2);
        Path dir = ConformanceFiles.dir("upstream");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                        CaseResult r = runner.run(CaseParser.parse(f));
                        assertThat(r.outcome()).as(r.line()).isEqualTo(CaseResult.Outcome.PASS);
                    }));
        }
    }
}
