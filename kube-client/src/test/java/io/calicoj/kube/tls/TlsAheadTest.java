package io.calicoj.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsAheadTest {

    private static final String X25519 = "001d";
    private static final String SECP256R1 = "0017";
    private static final String SECP384R1 = "0018";
    private static final String SECP521R1 = "0019";

    @Test
    void theProgramsFirstClientHelloCarriesX25519AndP384SharesAndStillOffersP256() throws Exception {
        List<String> hello = clientHello("programs");

        assertThat(hello.get(0).split(" ")).containsExactly(X25519, SECP384R1);
        assertThat(hello.get(1).split(" ")).contains(X25519, SECP256R1, SECP384R1, SECP521R1);
    }

    @Test
    void theJdksOwnOrderWouldMakeAP256Share() throws Exception {
        // Why the order is changed: the JDK's P-256 key share is the costly one in a fresh JVM.
        assertThat(clientHello("jdk").get(0).split(" ")).containsExactly(X25519, SECP256R1);
    }

    @Test
    void aNamedGroupsSettingGivenToTheJvmIsKept() {
        String before = System.getProperty(TlsAhead.NAMED_GROUPS_PROPERTY);
        try {
            System.setProperty(TlsAhead.NAMED_GROUPS_PROPERTY, "secp256r1");
            TlsAhead.preferCheapKeyShares();
            assertThat(System.getProperty(TlsAhead.NAMED_GROUPS_PROPERTY)).isEqualTo("secp256r1");
        } finally {
            if (before == null) {
                System.clearProperty(TlsAhead.NAMED_GROUPS_PROPERTY);
            } else {
                System.setProperty(TlsAhead.NAMED_GROUPS_PROPERTY, before);
            }
        }
    }

    /** The key share and supported group ids of a fresh JVM's first ClientHello. */
    private static List<String> clientHello(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ClientHelloProbe.class.getName(), mode).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines).as(out).hasSize(2);
        return lines;
    }
}
