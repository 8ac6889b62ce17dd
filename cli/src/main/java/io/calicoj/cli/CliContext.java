package io.calicoj.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a calicoctl run touches outside itself: the environment (datastore settings),
 * standard input ({@code -f -}), standard output and error, and the datastore client factory.
 */
public record CliContext(Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err,
                         ClientFactory clients) {

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clients, "clients");
    }
}
