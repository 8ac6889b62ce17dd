package io.calicoj.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetnsCommandRunnerTest {

    @Test
    void everyCommandRunsThroughIpNetnsExecWithItsStdinAndEnvironment() throws Exception {
        List<Command> ran = new ArrayList<>();
        CommandRunner recording = c -> {
            ran.add(c);
            return new CommandResult(c, 0, "done", "");
        };

        CommandResult r = new NetnsCommandRunner(recording, "node-1")
                .run(Command.of("iptables-restore", "--noflush").withStdin("*filter\n").withEnvironment(Map.of("A", "1")));

        assertThat(ran).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("ip", "netns", "exec", "node-1", "iptables-restore", "--noflush");
            assertThat(c.stdin()).isEqualTo("*filter\n");
            assertThat(c.environment()).containsExactly(Map.entry("A", "1"));
        });
        assertThat(r.stdout()).isEqualTo("done");
    }

    @Test
    void aLaunchedCommandEntersTheNamespaceTheSameWay() {
        assertThat(NetnsCommandRunner.inNamespace("pod-1", Command.of("sleep", "1")).argv())
                .containsExactly("ip", "netns", "exec", "pod-1", "sleep", "1");
    }
}
