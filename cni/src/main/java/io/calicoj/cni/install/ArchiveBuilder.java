package io.calicoj.cni.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Builds the class-data archive of an installed plugin (a training run); may fail without harm. */
@FunctionalInterface
interface ArchiveBuilder {

    /**
     * @param jvmOptions the launcher's JVM options (the archive is made with them)
     * @return the launcher option that uses the archive, or empty when none could be made
     */
    String build(Path java, List<String> jvmOptions, List<String> classPath, Path pluginDir) throws IOException;
}
