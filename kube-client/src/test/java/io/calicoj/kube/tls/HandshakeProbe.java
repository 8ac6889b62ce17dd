package io.calicoj.kube.tls;

import io.calicoj.kube.client.KubeApiException;
import io.calicoj.kube.client.KubeHttpClient;
import io.calicoj.kube.connection.KubeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a fresh JVM by {@link HostnameCheckingTrustManagerTest}, set up as calicoctl and the CNI plugin
 * are ({@link TlsAhead#start()}): GETs {@code /version} from {@code <url>} trusting the CA in
 * {@code <ca file>} and prints {@code ok} or {@code refused: <message>}.
 */
public final class HandshakeProbe {

    private HandshakeProbe() {
    }

    public static void main(String[] args) throws Exception {
        TlsAhead.start();
        KubeConnection c = new KubeConnection(args[0], Files.readString(Path.of(args[1])), null, null, null, false);
        try (KubeHttpClient http = KubeHttpClient.create(c, "probe/1", Duration.ofSeconds(20))) {
            http.get("/version");
            System.out.println("ok");
        } catch (KubeApiException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
