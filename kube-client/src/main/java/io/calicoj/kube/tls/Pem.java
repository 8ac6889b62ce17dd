package io.calicoj.kube.tls;

import io.calicoj.datastore.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys as kubeconfigs carry them: keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}).
 * Error messages never contain key material: a key parser's own message could quote it, so they
 * are not passed on. Shared by every program's Kubernetes connection (the lean client and fabric8's).
 */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** rsaEncryption, 1.2.840.113549.1.1.1, with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /** @param what the setting, for messages, e.g. {@code Kubernetes CA} */
    public static List<X509Certificate> certificates(String pem, String what) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate found");
            }
            return certs;
        } catch (CertificateException e) {
            throw new ConfigException(what + ": not a PEM certificate: " + e.getMessage());
        }
    }

    /** @param what the setting, for messages, e.g. {@code Kubernetes client key} */
    public static PrivateKey privateKey(String pem, String what) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(what + ": the " + type + " block is not valid base64");
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der, what, "RSA", "EC", "Ed25519");
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(der)), what, "RSA");
                case "EC PRIVATE KEY":
                    byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOf(der, what));
                    return pkcs8(sequence(integerZero(), algorithm, octetString(der)), what, "EC");
                default:
                    throw new ConfigException(what + ": unsupported key type " + type
                            + " (use an unencrypted PKCS#8, PKCS#1 or EC key)");
            }
        }
        throw new ConfigException(what + ": no PEM private key found");
    }

    private static PrivateKey pkcs8(byte[] der, String what, String... algorithms) {
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Try the next algorithm.
            }
        }
        throw new ConfigException(what + ": the private key cannot be decoded");
    }

    /** The named-curve OID (tag and length included) from the {@code [0]} parameters of a SEC1 ECPrivateKey. */
    static byte[] curveOf(byte[] sec1, String what) {
        try {
            int[] seq = header(sec1, 0);
            int i = seq[0];
            int end = seq[0] + seq[1];
            while (i < end) {
                int tag = sec1[i] & 0xff;
                int[] h = header(sec1, i);
                if (tag == 0xa0) {
                    int[] oid = header(sec1, h[0]);
                    int oidStart = h[0];
                    int oidEnd = oid[0] + oid[1];
                    byte[] out = new byte[oidEnd - oidStart];
                    System.arraycopy(sec1, oidStart, out, 0, out.length);
                    return out;
                }
                i = h[0] + h[1];
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // Falls through to the error below.
        }
        throw new ConfigException(what + ": the EC private key does not name its curve");
    }

    /** DER header at {@code i}: {content start, content length}. */
    private static int[] header(byte[] der, int i) {
        int len = der[i + 1] & 0xff;
        int start = i + 2;
        if (len > 0x80) {
            int n = len - 0x80;
            len = 0;
            for (int k = 0; k < n; k++) {
                len = (len << 8) | (der[start + k] & 0xff);
            }
            start += n;
        }
        return new int[] {start, len};
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tagged(0x30, out.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
