package io.calicoj.sandbox.conformance;

import java.nio.file.Path;

/** The repository's conformance case directories, found from the test's working directory. */
final class ConformanceFiles {

    private ConformanceFiles() {
    }

    static Path dir(String sub) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !p.resolve("conformance").resolve(sub).toFile().isDirectory()) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("conformance/" + sub + " not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("conformance").resolve(sub);
    }
}
