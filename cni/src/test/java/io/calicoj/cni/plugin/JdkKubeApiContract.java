package io.calicoj.cni.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.calicoj.cni.Sh;
import io.calicoj.cni.tls.NativeTls;
import io.calicoj.kube.connection.KubeConnection;
import io.calicoj.kube.tls.Pem;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's API client against a real TLS server, the same for each TLS implementation the plugin
 * can use ({@link NativeTls}): the server's certificate is checked against the configured CA and the
 * address, client certificates (PKCS#8, PKCS#1 and EC keys made by openssl) are presented, and HTTP
 * failures map to CNI error codes. Run by {@link JdkKubeApiJdkTlsIT} and {@link JdkKubeApiConscryptIT}.
 */
abstract class JdkKubeApiContract {

    /** The TLS implementation under test; {@code null} for the JDK's. */
    abstract Provider tls();

    private JdkKubeApi api(KubeConnection c) throws CniException {
        return new JdkKubeApi(c, this::tls);
    }

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static String ca;
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static final List<String> userAgents = new CopyOnWriteArrayList<>();
    private static volatile int status = 200;

    private static String openssl(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("openssl"));
        argv.addAll(List.of(args));
        Sh.Result r = Sh.run(argv, Map.of(), "", false);
        assertThat(r.exit()).as(String.join(" ", argv) + ": " + r.stderr()).isZero();
        return r.stdout();
    }

    @BeforeAll
    static void server() throws Exception {
        String d = dir.toString();
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/ca.key", "-out", d + "/ca.pem",
                "-subj", "/CN=test-ca", "-days", "1");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/server.key", "-out", d + "/server.csr",
                "-subj", "/CN=localhost");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl("x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key", "-CAcreateserial",
                "-out", d + "/server.pem", "-days", "1", "-extfile", d + "/san.ext");
        openssl("pkcs12", "-export", "-in", d + "/server.pem", "-inkey", d + "/server.key", "-out", d + "/server.p12",
                "-passout", "pass:test");
        ca = Files.readString(dir.resolve("ca.pem"));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.certificates(ca, "ca").get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                params.setWantClientAuth(true);
            }
        });
        server.createContext("/", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            userAgents.add(String.valueOf(x.getRequestHeaders().getFirst("User-Agent")));
            String client = x instanceof com.sun.net.httpserver.HttpsExchange h && h.getSSLSession() != null
                    && peer(h) != null ? peer(h) : "anonymous";
            requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                    + x.getRequestHeaders().getFirst("Content-Type") + " " + x.getRequestHeaders().getFirst("Authorization")
                    + " " + client + " " + new String(body, StandardCharsets.UTF_8));
            String answer = x.getRequestURI().getPath().contains("/nodes/")
                    ? "{\"spec\":{\"podCIDRs\":[\"10.1.2.0/24\"]}}" : "{\"metadata\":{\"annotations\":{\"a\":\"b\"}}}";
            if (status != 200) {
                answer = "{\"kind\":\"Status\",\"message\":\"nope\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String peer(com.sun.net.httpserver.HttpsExchange h) {
        try {
            return ((java.security.cert.X509Certificate) h.getSSLSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String url(String host) {
        return "https://" + host + ":" + server.getAddress().getPort();
    }

    @Test
    void verifiesTheServerAgainstTheCaAndSendsTheToken() throws Exception {
        status = 200;
        JdkKubeApi api = api(new KubeConnection(url("localhost"), ca, null, null, "tok-123", false));

        assertThat(api.nodePodCidr("node-1")).isEqualTo("10.1.2.0/24");
        assertThat(api.patchPodAnnotations(new PodRef("default", "web"), Map.of("cni.projectcalico.org/podIP", "10.1.2.3/32")))
                .isTrue();
        assertThat(api.podAnnotations(new PodRef("default", "web"))).contains(Map.of("a", "b"));

        assertThat(requests).contains("GET /api/v1/nodes/node-1 null Bearer tok-123 anonymous ",
                "PATCH /api/v1/namespaces/default/pods/web application/merge-patch+json Bearer tok-123 anonymous"
                        + " {\"metadata\":{\"annotations\":{\"cni.projectcalico.org/podIP\":\"10.1.2.3/32\"}}}");
    }

    @Test
    void everyRequestNamesThePluginInTheUserAgent() throws Exception {
        status = 200;
        userAgents.clear();
        JdkKubeApi api = api(new KubeConnection(url("localhost"), ca, null, null, "tok-123", false));

        api.nodePodCidr("node-1");
        api.patchPodAnnotations(new PodRef("default", "web"), Map.of("cni.projectcalico.org/podIP", "10.1.2.3/32"));
        api.podAnnotations(new PodRef("default", "web"));

        assertThat(userAgents).hasSize(3).allSatisfy(ua -> assertThat(ua).matches("calico-cni/[^ /]+"));
    }

    @Test
    void aServerNotSignedByTheCaIsRefused() throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/other.key", "-out", dir + "/other.pem",
                "-subj", "/CN=other-ca", "-days", "1");
        JdkKubeApi api = api(new KubeConnection(url("localhost"), Files.readString(dir.resolve("other.pem")),
                null, null, null, false));

        assertThatThrownBy(() -> api.nodePodCidr("node-1")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.KUBERNETES);
            assertThat(e.msg()).contains("TLS failed (check its CA and address)");
        });
    }

    @Test
    void anAddressTheCertificateDoesNotNameIsRefusedUnlessVerificationIsOff() throws Exception {
        status = 200;
        JdkKubeApi strict = api(new KubeConnection(url("127.0.0.1"), ca, null, null, null, false));
        JdkKubeApi insecure = api(new KubeConnection(url("127.0.0.1"), null, null, null, null, true));

        assertThatThrownBy(() -> strict.nodePodCidr("node-1")).isInstanceOf(CniException.class);
        assertThat(insecure.nodePodCidr("node-1")).isEqualTo("10.1.2.0/24");
    }

    @Test
    void clientCertificatesWorkWithEveryKeyFormat() throws Exception {
        status = 200;
        String d = dir.toString();
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", d + "/rsa8.key", "-out", d + "/rsa.csr", "-subj", "/CN=calico-rsa");
        openssl("x509", "-req", "-in", d + "/rsa.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key", "-CAcreateserial",
                "-out", d + "/rsa.pem", "-days", "1");
        openssl("rsa", "-in", d + "/rsa8.key", "-traditional", "-out", d + "/rsa1.key");
        openssl("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", d + "/ec.key");
        openssl("req", "-new", "-key", d + "/ec.key", "-out", d + "/ec.csr", "-subj", "/CN=calico-ec");
        openssl("x509", "-req", "-in", d + "/ec.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key", "-CAcreateserial",
                "-out", d + "/ec.pem", "-days", "1");
        assertThat(Files.readString(dir.resolve("rsa8.key"))).contains("BEGIN PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("rsa1.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(dir.resolve("ec.key"))).contains("BEGIN EC PRIVATE KEY");

        for (String[] pair : new String[][] {{"rsa.pem", "rsa8.key", "CN=calico-rsa"}, {"rsa.pem", "rsa1.key", "CN=calico-rsa"},
            {"ec.pem", "ec.key", "CN=calico-ec"}}) {
            requests.clear();
            JdkKubeApi api = api(new KubeConnection(url("localhost"), ca, Files.readString(dir.resolve(pair[0])),
                    Files.readString(dir.resolve(pair[1])), null, false));
            api.nodePodCidr("node-1");
            assertThat(requests).as(pair[1]).hasSize(1).allMatch(r -> r.contains(pair[2]));
        }
    }

    @Test
    void httpFailuresMapToCniCodes() throws Exception {
        JdkKubeApi api = api(new KubeConnection(url("localhost"), ca, null, null, null, false));
        status = 503;
        assertThatThrownBy(() -> api.nodePodCidr("n")).isInstanceOfSatisfying(CniException.class, e -> {
            assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER);
            assertThat(e.msg()).isEqualTo("cannot get node n: Kubernetes API server " + url("localhost") + " answered HTTP 503: nope");
        });
        status = 403;
        assertThatThrownBy(() -> api.patchPodAnnotations(new PodRef("a", "b"), Map.of()))
                .hasMessageStartingWith("connection is unauthorized: cannot patch pod a/b: Kubernetes API server " + url("localhost")
                        + " answered HTTP 403");
        status = 404;
        assertThat(api.podAnnotations(new PodRef("a", "b"))).isEmpty();
        assertThat(api.patchPodAnnotations(new PodRef("a", "b"), Map.of())).isFalse();
        assertThatThrownBy(() -> api.nodePodCidr("n")).hasMessageStartingWith("node \"n\" not found");
        status = 200;
    }

    @Test
    void namesThatAreNotKubernetesNamesNeverReachTheUrl() throws Exception {
        JdkKubeApi api = api(new KubeConnection(url("localhost"), ca, null, null, null, false));
        requests.clear();

        assertThatThrownBy(() -> api.podAnnotations(new PodRef("default", "../../nodes/x")))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(4));
        assertThat(requests).isEmpty();
    }

    @Test
    void anUnreachableServerIsTryAgainLater() throws Exception {
        JdkKubeApi api = api(new KubeConnection("https://127.0.0.1:1", ca, null, null, null, false));

        assertThatThrownBy(() -> api.nodePodCidr("n")).isInstanceOfSatisfying(CniException.class,
                e -> assertThat(e.code()).isEqualTo(CniException.TRY_AGAIN_LATER));
    }
}
