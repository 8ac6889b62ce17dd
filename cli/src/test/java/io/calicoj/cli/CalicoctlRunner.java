package io.calicoj.cli;

import io.calicoj.datastore.config.DatastoreConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs calicoctl in-process against a {@link FakeCalicoClient}, capturing its output. */
public final class CalicoctlRunner {

    /** What a run printed and returned. */
    public record Result(int status, String out, String err) {
    }

    private final FakeCalicoClient client;
    private final Map<String, String> env;
    private final List<DatastoreConfig> configs = new ArrayList<>();
    private String stdin = "";

    public CalicoctlRunner(FakeCalicoClient client) {
        this(client, Map.of("DATASTORE_TYPE", "kubernetes"));
    }

    public CalicoctlRunner(FakeCalicoClient client, Map<String, String> env) {
        this.client = client;
        this.env = env;
    }

    public CalicoctlRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** The datastore configurations calicoctl opened clients with. */
    public List<DatastoreConfig> configs() {
        return configs;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        ClientFactory factory = config -> {
            configs.add(config);
            return client.open();
        };
        int status = Calicoctl.run(args, new CliContext(env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, factory));
        o.flush();
        e.flush();
        return new Result(status, out.toString(), err.toString());
    }

    /** A text block whose lines end with {@code $}, which marks the end of line (keeping trailing spaces). */
    public static String golden(String block) {
        return block.replace("$\n", "\n");
    }
}
