package io.calicoj.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserAgentTest {

    @Test
    void theProgramAndTheVersionOfItsJarOrDevWithoutOne() {
        // JUnit's own jars carry no io.calicoj pom.properties; the tests run from classes.
        assertThat(UserAgent.of("calico-felix", "calicoj-no-such-artifact")).isEqualTo("calico-felix/dev");
    }
}
