package io.calicoj.cli;

import io.calicoj.cli.commands.CommandFailure;
import io.calicoj.cli.commands.RootCommand;
import io.calicoj.kube.tls.TlsAhead;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * {@code calicoctl}: Calico's command line over the Calico/J datastore. Exit status 0 on success,
 * 1 on any failure (with the message on standard error).
 *
 * <p>A short-lived process: {@link #main} opens the datastore client while the command line is
 * read, closes it (so no HTTP client thread delays the JVM's exit), flushes its output and ends the
 * JVM with {@link System#exit} right away.
 */
public final class Calicoctl {

    private Calicoctl() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8)), false);
        // Before anything speaks TLS: the cheaper of the JDK's equal key share orders, one host name check.
        TlsAhead.start();
        Map<String, String> env = System.getenv();
        int status = 1;
        DatastoreClients clients = new DatastoreClients(env);
        try {
            // The datastore client opens on another core while picocli reads the command line.
            clients.openAhead(args);
            status = run(args, new CliContext(env, System.in, out, err, clients));
        } catch (RuntimeException | Error e) {
            err.println("Failed to execute command: " + e);
        } finally {
            clients.close();
            out.flush();
            err.flush();
        }
        // Exit now: do not wait for threads a library left running (the JDK HttpClient's selector).
        System.exit(status);
    }

    /** Runs one command line; never exits the JVM. @return the exit status */
    public static int run(String[] args, CliContext context) {
        RootCommand root = new RootCommand(context);
        CommandLine cl = new CommandLine(root);
        RootCommand.register(cl, args);
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setParameterExceptionHandler((ParameterException e, String[] a) -> usageError(e, a, context));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandFailure) {
                context.err().println(e.getMessage());
                return 1;
            }
            // A bug or an unexpected failure: say what happened in one line; the trace with --log-level=debug.
            context.err().println("Failed to execute command: " + e);
            if (root.debug()) {
                e.printStackTrace(context.err());
            }
            return 1;
        });
        cl.setExecutionStrategy((ParseResult parseResult) -> {
            String error = root.applyLogLevelFor(parseResult);
            if (error != null) {
                context.err().println(error);
                return 1;
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl.execute(args);
    }

    /** calicoctl's messages for a command line it cannot parse. */
    private static int usageError(ParameterException e, String[] args, CliContext context) {
        CommandLine cl = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException u && cl.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            context.err().println("Unknown command: \"" + u.getUnmatched().get(0) + "\"");
            cl.usage(context.err());
            return 1;
        }
        context.err().println("Invalid option: 'calicoctl " + String.join(" ", args)
                + "'. Use flag '--help' to read about a specific subcommand.");
        context.err().println(e.getMessage());
        return 1;
    }
}
