package io.calicoj.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;

/** {@code calicoctl version}: the client's version and build date. Needs no datastore. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Display the version of calicoctl.")
public final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Override
    public Integer call() {
        Properties p = properties();
        root.context().out().println("Client Version:    v" + p.getProperty("version", "unknown") + " (Calico/J)");
        root.context().out().println("Build date:        " + p.getProperty("buildDate", "unknown"));
        return 0;
    }

    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("/io/calicoj/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** {@code -V/--version} on every command. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"calicoctl v" + properties().getProperty("version", "unknown") + " (Calico/J)"};
        }
    }
}
