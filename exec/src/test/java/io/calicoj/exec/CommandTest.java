package io.calicoj.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void aCommandNeedsAProgram() {
        assertThatThrownBy(() -> Command.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argvAndEnvironmentAreCopiesTheCallerCannotChange() {
        List<String> argv = new ArrayList<>(List.of("ip", "link"));
        Command c = Command.of(argv);
        argv.add("show");

        assertThat(c.argv()).containsExactly("ip", "link");
        assertThat(c.program()).isEqualTo("ip");
        assertThat(c.stdin()).isEmpty();
        assertThat(c.environment()).isEmpty();
    }

    @Test
    void aPrefixGoesInFrontAndKeepsStdinAndEnvironment() {
        Command c = Command.of("iptables-save").withStdin("x").withEnvironment(Map.of("A", "1"));

        Command prefixed = c.prefixedWith(List.of("nice", "-n", "5"));

        assertThat(prefixed.argv()).containsExactly("nice", "-n", "5", "iptables-save");
        assertThat(prefixed.stdin()).isEqualTo("x");
        assertThat(prefixed.environment()).containsExactly(Map.entry("A", "1"));
    }

    @Test
    void theLogFormShowsTheSizeOfStdinNotItsText() {
        assertThat(Command.of("ipset", "restore").withStdin("secret")).hasToString("ipset restore <<(6 bytes)");
        assertThat(Command.of("ipset", "list")).hasToString("ipset list");
    }
}
