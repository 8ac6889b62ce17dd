package io.calicoj.cni.plugin;

import java.util.List;

/** The CNI specification versions this plugin speaks, and how they differ where it matters. */
final class CniVersions {

    /** In the order the spec released them. */
    static final List<String> SUPPORTED = List.of("0.3.1", "0.4.0", "1.0.0");

    /** What VERSION reports as its own {@code cniVersion}, and errors use when the request's is unusable. */
    static final String LATEST = "1.0.0";

    /** A configuration without {@code cniVersion} means the first spec (libcni's rule). */
    static final String IMPLICIT = "0.1.0";

    private CniVersions() {
    }

    static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }

    /** CHECK arrived with 0.4.0. */
    static boolean hasCheck(String version) {
        return !version.equals("0.3.1");
    }

    /** 1.0.0 dropped the {@code "version": "4"} field of each IP. */
    static boolean ipsCarryVersion(String version) {
        return !version.equals("1.0.0");
    }

    static CniException incompatible(String version) {
        return new CniException(CniException.INCOMPATIBLE_VERSION, "incompatible CNI versions",
                "config is \"" + version + "\", plugin supports " + SUPPORTED);
    }
}
