package io.calicoj.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CommandResultTest {

    private static final Command IPSET = Command.of("ipset", "list");

    @Test
    void exitZeroSucceedsAndPassesOrThrow() throws Exception {
        CommandResult ok = new CommandResult(IPSET, 0, "out", "");

        assertThat(ok.succeeded()).isTrue();
        assertThat(ok.orThrow()).isSameAs(ok);
    }

    @Test
    void aNonZeroExitThrowsWithTheCommandTheCodeAndStderr() {
        CommandResult failed = new CommandResult(IPSET, 2, "", "  no such set\n");

        assertThat(failed.succeeded()).isFalse();
        assertThatThrownBy(failed::orThrow).isInstanceOf(CommandFailedException.class)
                .hasMessage("ipset list exited 2: no such set")
                .satisfies(e -> assertThat(((CommandFailedException) e).result()).isSameAs(failed));
    }

    @Test
    void aCommandThatCouldNotRunCarriesExitCodeMinusOneAndTheCause() {
        CommandFailedException e = new CommandFailedException(IPSET, new IOException("No such file"));

        assertThat(e).hasMessage("ipset list could not be run: No such file").hasCauseInstanceOf(IOException.class);
        assertThat(e.result().exitCode()).isEqualTo(-1);
        assertThat(e.result().stderr()).isEqualTo("No such file");
    }
}
