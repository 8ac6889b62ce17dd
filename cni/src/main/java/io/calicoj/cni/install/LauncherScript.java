package io.calicoj.cni.install;

import io.calicoj.cni.plugin.CalicoCni;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The installed {@code calico}: a shell script that runs the plugin's JVM with a class path fixed at install. */
final class LauncherScript {

    /**
     * The JVM options of the installed launcher; keep in sync with bin/calico and build-cds.sh. For a
     * process that lives a quarter of a second: C1 only, Serial GC, no perf data file, JVM warnings on
     * stderr (never in the result on stdout), and reflection by the JDK's native accessors (the few
     * reflective calls, Conscrypt's library loading among them, then spin no method-handle classes:
     * ~20 ms less CPU per ADD on JDK 25).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-Djdk.reflect.useNativeAccessorOnly=true");

    private LauncherScript() {
    }

    /**
     * @param extraOptions    {@code CALICOJ_CNI_JAVA_OPTS}: more options, split at white space
     * @param archiveOption   the option that uses the class-data archive; empty for none
     */
    static String text(Path java, List<String> jvmOptions, String extraOptions, String archiveOption, List<String> classPath) {
        List<String> opts = new ArrayList<>(jvmOptions);
        String extra = extraOptions.trim();
        if (!extra.isEmpty()) {
            opts.addAll(List.of(extra.split("\\s+")));
        }
        if (!archiveOption.isEmpty()) {
            opts.add(archiveOption);
        }
        return "#!/bin/sh\n"
                + "# The calico CNI plugin (Calico/J), installed by install-cni. The class path and the class-data\n"
                + "# archive are fixed at install time: an archive only works for exactly this class path.\n"
                + "exec " + shellQuote(java.toString()) + " " + String.join(" ", opts.stream().map(LauncherScript::shellQuote).toList())
                + " -cp " + shellQuote(String.join(":", classPath)) + " " + CalicoCni.class.getName() + " \"$@\"\n";
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=+,@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
