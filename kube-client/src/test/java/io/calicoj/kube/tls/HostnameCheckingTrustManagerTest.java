package io.calicoj.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.calicoj.kube.connection.KubeConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostnameCheckingTrustManagerTest {

    @TempDir
    static Path dir;

    private static X509Certificate server;
    private static Path caFile;
    private static Path otherCaFile;
    private static HttpsServer https;

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** A self-signed certificate that names only {@code localhost}, as a DNS name. */
    private static Path selfSigned(String name) throws Exception {
        Path p12 = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-keystore", p12.toString(), "-storetype", "PKCS12", "-storepass", "secret", "-keypass", "secret",
                "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=dns:localhost",
                "-validity", "2");
        keytool("-exportcert", "-rfc", "-keystore", p12.toString(), "-storepass", "secret", "-alias", "api", "-file", pem.toString());
        return pem;
    }

    @BeforeAll
    static void certificatesAndServer() throws Exception {
        caFile = selfSigned("server");
        otherCaFile = selfSigned("other");
        server = Pem.certificates(Files.readString(caFile), "test").get(0);

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", x -> {
            byte[] body = "{\"gitVersion\":\"v1.30.0\"}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
    }

    @AfterAll
    static void stop() {
        if (https != null) {
            https.stop(0);
        }
    }

    private static X509ExtendedTrustManager trustFor(String url, Path ca) throws IOException {
        KubeConnection c = new KubeConnection(url, Files.readString(ca), null, null, null, false);
        return (X509ExtendedTrustManager) KubeTls.trustManagers(c)[0];
    }

    @Test
    void aServerWhoseCertificateNamesTheHostDialledIsTrusted() throws Exception {
        trustFor("https://localhost:6443", caFile).checkServerTrusted(new X509Certificate[] {server}, "UNKNOWN", (SSLEngine) null);
    }

    @Test
    void conscryptsNameForTls13AuthenticationReachesTheJdksValidatorAsTheJdksName() throws Exception {
        // Conscrypt says GENERIC for a TLS 1.3 server; the JDK's validator refuses that name ("Unknown
        // authType: GENERIC", JdkKubeApiConscryptIT's handshakes) and calls it UNKNOWN itself.
        List<String> seen = new ArrayList<>();
        X509ExtendedTrustManager recording = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                seen.add(authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
                seen.add(authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.add(authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        HostnameCheckingTrustManager tm = new HostnameCheckingTrustManager(recording, "localhost");
        X509Certificate[] chain = {server};

        tm.checkServerTrusted(chain, "GENERIC", (SSLEngine) null);
        tm.checkServerTrusted(chain, "GENERIC", (java.net.Socket) null);
        tm.checkServerTrusted(chain, "GENERIC");
        tm.checkServerTrusted(chain, "ECDHE_RSA", (SSLEngine) null);
        tm.checkServerTrusted(chain, "UNKNOWN", (SSLEngine) null);

        assertThat(seen).containsExactly("UNKNOWN", "UNKNOWN", "UNKNOWN", "ECDHE_RSA", "UNKNOWN");
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRefusedWithTheNamesItHas() throws Exception {
        // The subject's common name says 127.0.0.1: like kubectl, only alternative names count.
        assertThatThrownBy(() -> trustFor("https://127.0.0.1:6443", caFile)
                .checkServerTrusted(new X509Certificate[] {server}, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class)
                .hasMessage("the server certificate is not valid for 127.0.0.1: it names DNS:localhost");
    }

    @Test
    void theNameIsCheckedOnlyAfterTheJdkTrustedTheChain() throws Exception {
        assertThatThrownBy(() -> trustFor("https://localhost:6443", otherCaFile)
                .checkServerTrusted(new X509Certificate[] {server}, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class)
                .hasMessageNotContaining("not valid for");
    }

    @Test
    void aProgramSetUpLikeTheCniPluginChecksTheNameItselfWithoutLoadingTheJdksRoots() throws Exception {
        String localhost = "https://localhost:" + https.getAddress().getPort();
        String address = "https://127.0.0.1:" + https.getAddress().getPort();

        assertThat(probe(localhost, caFile)).contains("ok").doesNotContain("AnchorCertificates");
        assertThat(probe(address, caFile)).contains("refused: ").contains("not valid for 127.0.0.1");
        assertThat(probe(localhost, otherCaFile)).contains("refused: ").doesNotContain("not valid for");
        // What is saved: with the JDK's own check as well, the first handshake loads the JDK's roots.
        assertThat(probe(localhost, caFile, "-D" + KubeTls.JDK_HOSTNAME_CHECK_OFF + "=false")).contains("ok")
                .contains("AnchorCertificates");
    }

    /** {@link HandshakeProbe} in a fresh JVM, with the classes it initialises listed. */
    private static String probe(String url, Path ca, String... jvmOptions) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+init=info:stdout"));
        argv.addAll(List.of(jvmOptions));
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), HandshakeProbe.class.getName(), url, ca.toString()));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("the class log names the JDK's classes").contains("sun/security/ssl/X509TrustManagerImpl");
        return out.lines().filter(l -> !l.startsWith("[") || l.contains("AnchorCertificates"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
