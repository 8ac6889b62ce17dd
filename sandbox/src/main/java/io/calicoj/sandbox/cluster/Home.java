package io.calicoj.sandbox.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where Calico/J is installed: the repository whose {@code bin/} holds the launchers. */
public final class Home {

    private Home() {
    }

    public static Path locate() {
        String env = System.getenv("CALICOJ_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        try {
            Path p = Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            while (p != null && !Files.isDirectory(p.resolve("bin"))) {
                p = p.getParent();
            }
            if (p != null) {
                return p;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        throw new IllegalStateException("cannot find the Calico/J installation: set CALICOJ_HOME");
    }
}
