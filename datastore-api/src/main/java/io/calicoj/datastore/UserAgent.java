package io.calicoj.datastore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code User-Agent} a Calico/J program sends to the Kubernetes API: {@code <program>/<version>},
 * as Calico's components name themselves. API server audit logs, and the hosted install's RBAC check,
 * tell the programs apart by it.
 */
public final class UserAgent {

    private UserAgent() {
    }

    /**
     * @param program    e.g. {@code calico-felix}
     * @param anchor     a class of the artifact: its jar's manifest gives the version ({@code
     *                   Implementation-Version}); a class-data archive keeps the jars' manifests, so a program
     *                   started from one opens no jar for it (the CNI plugin's connection waited 5-8 ms for that)
     * @param artifactId the Maven artifact whose version it is, e.g. {@code calicoj-datastore-kubernetes}: its
     *                   {@code pom.properties} when the manifest has no version; {@code dev} when neither is on
     *                   the class path (a run from classes)
     */
    public static String of(String program, Class<?> anchor, String artifactId) {
        String v = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        return program + "/" + (v != null ? v : version(artifactId));
    }

    static String version(String artifactId) {
        try (InputStream in = UserAgent.class.getResourceAsStream("/META-INF/maven/io.calicoj/" + artifactId + "/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: the version is only informative
        }
        return "dev";
    }
}
