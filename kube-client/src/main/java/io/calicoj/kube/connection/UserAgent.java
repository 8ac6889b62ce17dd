package io.calicoj.kube.connection;

/**
 * The {@code User-Agent} a Calico/J program sends to the Kubernetes API: {@code <program>/<version>},
 * as Calico's components name themselves. API server audit logs, and the hosted install's RBAC check,
 * tell the programs apart by it.
 */
public final class UserAgent {

    private UserAgent() {
    }

    /**
     * @param program e.g. {@code calico-felix}
     * @param anchor  a class of the program's artifact: its jar's manifest gives the version ({@code
     *                Implementation-Version}, which every jar of the build carries; a class-data archive keeps
     *                the jars' manifests, so a program started from one opens no jar for it); {@code dev} when
     *                the class is not from a jar (a run from classes)
     */
    public static String of(String program, Class<?> anchor) {
        Package p = anchor.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return program + "/" + (v != null ? v : "dev");
    }
}
