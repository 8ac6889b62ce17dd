package io.calicoj.kube.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The content of the PKCS#8 structure's final OCTET STRING: the algorithm-specific key. */
    private static byte[] innerKey(byte[] pkcs8) {
        int i = pkcs8.length;
        for (int start = 0; start < pkcs8.length - 4; start++) {
            if (pkcs8[start] == 0x04) {
                int len = pkcs8[start + 1] & 0xff;
                int off = start + 2;
                if (len > 0x80) {
                    int n = len - 0x80;
                    len = 0;
                    for (int k = 0; k < n; k++) {
                        len = (len << 8) | (pkcs8[off + k] & 0xff);
                    }
                    off += n;
                }
                if (off + len == pkcs8.length) {
                    return Arrays.copyOfRange(pkcs8, off, off + len);
                }
            }
        }
        throw new IllegalStateException("no octet string at the end of " + i + " bytes");
    }

    @Test
    void readsPkcs8AndPkcs1RsaKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey key = g.generateKeyPair().getPrivate();

        assertThat(Pem.privateKey(pem("PRIVATE KEY", key.getEncoded()), "k").getEncoded()).isEqualTo(key.getEncoded());
        assertThat(Pem.privateKey(pem("RSA PRIVATE KEY", innerKey(key.getEncoded())), "k").getEncoded())
                .isEqualTo(key.getEncoded());
    }

    @Test
    void readsSec1EcKeysNamingTheirCurve() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey key = g.generateKeyPair().getPrivate();
        // SEC1 ECPrivateKey: version 1, the 32-byte secret, [0] { prime256v1 }.
        byte[] secret = ((java.security.interfaces.ECPrivateKey) key).getS().toByteArray();
        byte[] s = new byte[32];
        int n = Math.min(32, secret.length);
        System.arraycopy(secret, secret.length - n, s, 32 - n, n);
        byte[] oid = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        byte[] sec1 = new byte[2 + 3 + 2 + 32 + 2 + oid.length];
        int i = 0;
        sec1[i++] = 0x30;
        sec1[i++] = (byte) (sec1.length - 2);
        sec1[i++] = 0x02;
        sec1[i++] = 0x01;
        sec1[i++] = 0x01;
        sec1[i++] = 0x04;
        sec1[i++] = 32;
        System.arraycopy(s, 0, sec1, i, 32);
        i += 32;
        sec1[i++] = (byte) 0xa0;
        sec1[i++] = (byte) oid.length;
        System.arraycopy(oid, 0, sec1, i, oid.length);

        PrivateKey read = Pem.privateKey("junk before\n" + pem("EC PRIVATE KEY", sec1), "k");

        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) read).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) key).getS());
    }

    @Test
    void errorsNameTheSettingButNeverShowTheKey() {
        String garbage = pem("RSA PRIVATE KEY", new byte[] {1, 2, 3, 4, 5, 6});

        assertThatThrownBy(() -> Pem.privateKey(garbage, "Kubernetes client key"))
                .hasMessage("Kubernetes client key: the private key cannot be decoded");
        assertThatThrownBy(() -> Pem.privateKey("nothing", "Kubernetes client key"))
                .hasMessage("Kubernetes client key: no PEM private key found");
        assertThatThrownBy(() -> Pem.privateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {1}), "k"))
                .hasMessageContaining("unsupported key type ENCRYPTED PRIVATE KEY");
        assertThatThrownBy(() -> Pem.certificates("not a cert", "Kubernetes CA"))
                .hasMessageStartingWith("Kubernetes CA: not a PEM certificate");
    }
}
