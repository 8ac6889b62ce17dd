package io.calicoj.kube.tls;

import io.calicoj.model.IpAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate names the host a client dialled, by the rules Kubernetes' own clients
 * apply (Go's {@code crypto/x509}, in kubectl and Calico): so a certificate Calico/J accepts is one
 * kubectl accepts for the same URL.
 *
 * <ul>
 *   <li>An IP address (the in-cluster {@code https://10.96.0.1:443}) matches only an IP address among
 *       the certificate's subject alternative names, as the same address (IPv6 in any notation).</li>
 *   <li>A DNS name matches a DNS name among them, ignoring ASCII case and one trailing dot; a name whose
 *       first label is {@code *} matches any one first label ({@code *.example.com} matches
 *       {@code api.example.com}, not {@code example.com} nor {@code a.b.example.com}). A wildcard
 *       over a single label ({@code *.com}) or inside a label ({@code a*.example.com}) matches nothing.</li>
 *   <li>The subject's common name is never used (Go dropped it in 1.15; API server certificates carry
 *       alternative names).</li>
 * </ul>
 */
final class ServerNames {

    /** The JDK's type numbers of subject alternative names (RFC 5280 GeneralName). */
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerNames() {
    }

    /**
     * @param host the URL's host as dialled ({@code api.example.com}, {@code 10.96.0.1}, {@code [fd00::1]})
     * @throws CertificateException naming the host and what the certificate names instead
     */
    static void check(String host, X509Certificate cert) throws CertificateException {
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the server certificate's subject alternative names cannot be read: "
                    + e.getMessage(), e);
        }
        if (!matches(host, names)) {
            throw new CertificateException("the server certificate is not valid for " + host + ": it names "
                    + (names == null || names.isEmpty() ? "no DNS name or IP address" : describe(names)));
        }
    }

    /** @param names what {@link X509Certificate#getSubjectAlternativeNames()} gives: [type, value] pairs, or {@code null} */
    static boolean matches(String host, Collection<List<?>> names) {
        if (names == null || host == null || host.isEmpty()) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        IpAddress address = address(bare);
        if (address == null && bare.indexOf(':') >= 0) {
            return false; // Neither a DNS name nor an address.
        }
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
                continue;
            }
            if (address != null && type == IP_ADDRESS && address.equals(address(value))) {
                return true;
            }
            if (address == null && type == DNS_NAME && dnsMatches(bare, value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address when {@code text} is an IPv4 or IPv6 literal (an IPv4-mapped IPv6 address as its IPv4
     * address, as Go compares them), else {@code null}.
     */
    static IpAddress address(String text) {
        if (!IpAddress.isValid(text)) {
            return null;
        }
        IpAddress a = IpAddress.parse(text);
        boolean mappedV4 = a.version() == 6 && a.high() == 0 && (a.low() >>> 32) == 0xffffL;
        return mappedV4 ? new IpAddress(4, 0, a.low() & 0xffffffffL) : a;
    }

    private static boolean dnsMatches(String host, String pattern) {
        String h = lower(trimDot(host));
        String p = lower(trimDot(pattern));
        if (h.isEmpty() || p.isEmpty()) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.indexOf('*') < 0 && h.equals(p);
        }
        String parent = p.substring(2);
        int firstDot = h.indexOf('.');
        return parent.indexOf('*') < 0 && parent.indexOf('.') > 0 && !parent.endsWith(".")
                && firstDot > 0 && h.indexOf('*') < 0 && h.substring(firstDot + 1).equals(parent);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Lower case in no locale's rules (host names are ASCII, IDNs as punycode; no Turkish dotless i). */
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String describe(Collection<List<?>> names) {
        StringBuilder b = new StringBuilder();
        for (List<?> name : names) {
            if (name.size() >= 2 && name.get(0) instanceof Integer type && (type == DNS_NAME || type == IP_ADDRESS)) {
                b.append(b.length() == 0 ? "" : ", ").append(type == DNS_NAME ? "DNS:" : "IP:").append(name.get(1));
            }
        }
        return b.length() == 0 ? "no DNS name or IP address" : b.toString();
    }
}
