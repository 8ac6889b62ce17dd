package io.calicoj.kube.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void theProgramAndDevWhenTheClassIsNotFromAJarWithAVersion() {
        // The tests run from classes (no manifest).
        assertThat(UserAgent.of("calico-felix", UserAgentTest.class)).isEqualTo("calico-felix/dev");
    }

    @Test
    void theVersionInTheManifestOfTheAnchorsJar() {
        // junit-jupiter-api's manifest has an Implementation-Version.
        assertThat(UserAgent.of("calico-felix", Test.class)).matches("calico-felix/[0-9]+\\.[0-9]+\\.[0-9]+.*");
    }
}
