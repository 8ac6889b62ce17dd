package io.calicoj.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.DataplaneProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** What reaches the log when the same problems come again and again (every retry reports them). */
class ProblemLogTest {

    private final List<String> lines = new ArrayList<>();
    private final ProblemLog log = new ProblemLog((level, line) -> lines.add(level + " " + line));

    private static DataplaneProblem failed(String set, int line) {
        return new DataplaneProblem.IpSetNotProgrammed(set, "exit 1: ipset v7.17: Error in line " + line
                + ": Kernel error received: Invalid argument");
    }

    @Test
    void aProblemIsLoggedOnceAsAnErrorAndThenOnlyAtDebugEvenFromAnotherLineOfAnotherBatch() {
        log.report(failed("s:a", 3));
        log.report(failed("s:a", 3));
        log.report(failed("s:a", 7));
        assertThat(lines).extracting(l -> l.split(" ")[0]).containsExactly("ERROR", "DEBUG", "DEBUG");
        assertThat(lines.get(0)).isEqualTo("ERROR IP set s:a could not be programmed: exit 1: ipset v7.17: Error in line 3:"
                + " Kernel error received: Invalid argument");
    }

    @Test
    void anotherSubjectOrAnotherErrorIsLoggedToo() {
        log.report(failed("s:a", 3));
        log.report(failed("s:b", 3));
        log.report(new DataplaneProblem.IpSetNotProgrammed("s:a", "exit 1: ipset v7.17: Hash is full"));
        assertThat(lines).allMatch(l -> l.startsWith("ERROR"));
    }

    @Test
    void aMemberLeftOutIsAWarning() {
        log.report(new DataplaneProblem.IpSetMemberRefused("s:a", "0.0.0.0", "the unspecified address"));
        assertThat(lines).singleElement().asString().startsWith(Level.WARN + " member 0.0.0.0 left out of IP set s:a");
    }

    @Test
    void aResolvedProblemIsSaidSoAndLoggedAgainWhenItComesBack() {
        log.report(failed("s:a", 3));
        log.resolved("ipset-failed", "s:a");
        log.resolved("ipset-failed", "s:a");
        log.report(failed("s:a", 3));
        assertThat(lines).containsExactly(lines.get(0), "INFO Resolved: ipset-failed of s:a", lines.get(0));
    }

    @Test
    void aLongMultiLineErrorBecomesOneTruncatedLine() {
        String input = "line\n".repeat(1000);
        log.report(new DataplaneProblem.ChainNotProgrammed("filter", "cali-pi-x", "iptables-nft-restore v1.8.9:\n" + input));
        assertThat(lines).singleElement().asString().doesNotContain("\n")
                .hasSizeLessThan(ProblemLog.MAX_DETAIL + 60).endsWith("more characters)");
    }
}
