package io.calicoj.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TabWriterTest {

    private static String format(String text) {
        StringBuilder sb = new StringBuilder();
        TabWriter.calicoctl(sb).write(text).flush();
        return sb.toString();
    }

    @Test
    void columnsAreWidestCellPlusThreeAndTabTerminatedCellsLeaveTrailingPadding() {
        String text = "HOSTNAME\tORCHESTRATOR\tWORKLOAD\tNAME\t\n"
                + "kubernetes-minion-group-tbmi\tk8s\tkube-system.kube-dns-v20-jhk10\teth0\t\n"
                + "kubernetes-minion-group-x7ce\tk8s\tkube-system.kubernetes-dashboard-v1.4.0-wtrtm\teth0\t\n";
        // widths: 28+3=31, 12+3=15, 45+3=48, 4+3=7
        assertThat(format(text)).isEqualTo(
                "HOSTNAME" + " ".repeat(23) + "ORCHESTRATOR" + " ".repeat(3) + "WORKLOAD" + " ".repeat(40) + "NAME   \n"
                + "kubernetes-minion-group-tbmi   k8s" + " ".repeat(12) + "kube-system.kube-dns-v20-jhk10" + " ".repeat(18)
                + "eth0   \n"
                + "kubernetes-minion-group-x7ce   k8s" + " ".repeat(12) + "kube-system.kubernetes-dashboard-v1.4.0-wtrtm   "
                + "eth0   \n");
    }

    @Test
    void narrowColumnsGetTheMinimumWidthOfFive() {
        assertThat(format("a\tb\t\ncc\td\t\n")).isEqualTo("a    b    \ncc   d    \n");
    }

    @Test
    void textAfterTheLastTabIsNotPadded() {
        assertThat(format("x\ty\nlong\tz\n")).isEqualTo("x      y\nlong   z\n");
    }

    @Test
    void aColumnBlockEndsAtTheFirstLineWithoutThatColumn() {
        assertThat(format("a\tb\tc\naaaaaa\tb\nx\nyy\tz\n"))
                .isEqualTo("a        b    c\naaaaaa   b\nx\nyy   z\n");
    }

    @Test
    void widthsCountCodePointsNotBytesOrChars() {
        assertThat(format("ä\tb\t\n\uD83D\uDE00\tc\t\n")).isEqualTo("ä    b    \n\uD83D\uDE00    c    \n");
    }

    @Test
    void emptyCellsArePaddedLikeOthers() {
        // widths: 4+3=7 and 3+3=6
        assertThat(format("NAME\tIPS\t\nn1\t\t\n")).isEqualTo("NAME   IPS   \nn1" + " ".repeat(11) + "\n");
    }

    @Test
    void unterminatedTextIsWrittenAsIs() {
        assertThat(format("no tabs here")).isEqualTo("no tabs here");
    }
}
