package io.calicoj.datastore.kubernetes;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** A throw-away PKI for TLS tests: a CA, and certificates it signs for a server and for a client. */
final class TestPki {

    /** How a private key is written: PKCS#1 RSA, SEC1 EC or PKCS#8. */
    enum KeyFormat { RSA_PKCS1, EC_SEC1, RSA_PKCS8 }

    /** A certificate with its key. */
    record Issued(X509Certificate certificate, PrivateKey key, String certificatePem, String keyPem) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final X500Name caName;
    private final Issued ca;

    private TestPki(X500Name caName, Issued ca) {
        this.caName = caName;
        this.ca = ca;
    }

    static TestPki create(String caName) {
        try {
            KeyPair pair = rsa();
            X500Name name = new X500Name("CN=" + caName);
            X509v3CertificateBuilder b = builder(name, name, pair);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = sign(b, pair.getPrivate());
            return new TestPki(name, new Issued(cert, pair.getPrivate(), pem(cert), pem(pair.getPrivate(), KeyFormat.RSA_PKCS8)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    String caPem() {
        return ca.certificatePem();
    }

    X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}. */
    Issued server() {
        return issue("localhost", KeyFormat.RSA_PKCS8, true);
    }

    /** A client certificate with common name {@code user}. */
    Issued client(String user, KeyFormat format) {
        return issue(user, format, false);
    }

    private Issued issue(String cn, KeyFormat format, boolean server) {
        try {
            KeyPair pair = format == KeyFormat.EC_SEC1 ? ec() : rsa();
            X509v3CertificateBuilder b = builder(caName, new X500Name("CN=" + cn), pair);
            if (server) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            X509Certificate cert = sign(b, ca.key());
            return new Issued(cert, pair.getPrivate(), pem(cert), pem(pair.getPrivate(), format));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server-side TLS context presenting {@code identity} and trusting this CA for client certificates. */
    SSLContext serverContext(Issued identity) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", identity.key(), new char[0], new X509Certificate[] {identity.certificate(), ca.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key store holding only this CA. */
    KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        return trust;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static String pem(PrivateKey key, KeyFormat format) throws IOException {
        return switch (format) {
            case RSA_PKCS1 -> pem(key);
            case EC_SEC1 -> {
                // As OpenSSL writes it: SEC1 with the curve named in the parameters field.
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), info.getPrivateKeyAlgorithm().getParameters());
                yield pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
            case RSA_PKCS8 -> pem(new PemObject("PRIVATE KEY", key.getEncoded()));
        };
    }

}
