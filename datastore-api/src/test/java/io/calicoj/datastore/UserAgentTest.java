package io.calicoj.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void theProgramAndDevWhenNeitherManifestNorPomPropertiesHasAVersion() {
        // The tests run from classes (no manifest); JUnit's jars carry no io.calicoj pom.properties.
        assertThat(UserAgent.of("calico-felix", UserAgentTest.class, "calicoj-no-such-artifact")).isEqualTo("calico-felix/dev");
    }

    @Test
    void theVersionInTheManifestOfTheAnchorsJarComesFirst() {
        // junit-jupiter-api's manifest has an Implementation-Version.
        assertThat(UserAgent.of("calico-felix", Test.class, "calicoj-no-such-artifact"))
                .matches("calico-felix/[0-9]+\\.[0-9]+\\.[0-9]+.*");
    }
}
