package io.calicoj.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.sandbox.conformance.CaseResult;
import io.calicoj.sandbox.conformance.ModelRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VerifyCommandTest {

    private static Path fixture(String name) {
        try {
            return Path.of(VerifyCommandTest.class.getResource("/cases/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CaseResult run(String name) {
        return VerifyCommand.runOne(new ModelRunner(2), fixture(name));
    }

    @Test
    void everyActionOfTheFormatIsAppliedInOrder() {
        CaseResult r = run("every-action.yaml");
        assertThat(r.details()).isEmpty();
        assertThat(r.outcome()).isEqualTo(CaseResult.Outcome.PASS);
    }

    @Test
    void aMismatchFailsNamingTheStepProbeAndCell() {
        CaseResult r = run("wrong-expectation.yaml");
        assertThat(r.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(r.details()).containsExactly("step 1 (80/TCP): y/a->x/a expected allowed got blocked");
    }

    @Test
    void anUnknownActionFailsTheCaseInsteadOfPassing() {
        CaseResult r = run("unknown-action.yaml");
        assertThat(r.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(r.line()).contains("unknown action \"restart_node\"");
    }

    @Test
    void anUnknownFieldFailsTheCase() {
        CaseResult r = run("unknown-field.yaml");
        assertThat(r.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(r.line()).contains("probe.timeout: unknown field");
    }

    @Test
    void resultingLabelsThatDisagreeWithTheRunnerFailTheCase() {
        CaseResult r = run("resulting-labels-disagree.yaml");
        assertThat(r.outcome()).isEqualTo(CaseResult.Outcome.FAIL);
        assertThat(r.line()).contains("pod y/b: labels are {pod=b, team=blue} but the case says {pod=b}");
    }

    @Test
    void theSummaryCountsOutcomesAndTheExitCodeReportsFailures() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerifyCommand cmd = new VerifyCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code = new CommandLine(cmd).execute("--mode", "model", fixture("every-action.yaml").toString(),
                fixture("wrong-expectation.yaml").toString());
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("PASS T1 every action");
        assertThat(lines.get(1)).startsWith("FAIL T2 wrong expectation: ");
        assertThat(lines.get(2)).isEqualTo("1 passed, 1 failed, 0 skipped");
        assertThat(code).isEqualTo(1);
    }

    @Test
    void theSharedExamplesAllPassInModelMode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerifyCommand cmd = new VerifyCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code = new CommandLine(cmd).execute("--mode", "model", examples().toString());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).endsWith("6 passed, 0 failed, 0 skipped\n");
        assertThat(code).isZero();
    }

    /** The repository's copy of shared/netpol-cases/examples. */
    private static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !p.resolve("conformance/examples").toFile().isDirectory()) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("conformance/examples not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("conformance/examples");
    }
}
