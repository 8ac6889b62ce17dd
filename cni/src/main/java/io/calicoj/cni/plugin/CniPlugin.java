package io.calicoj.cni.plugin;

import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.datastore.config.DatastoreType;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CNI protocol around the commands, as libcni's skeleton does it: validate the environment,
 * decode the configuration, check its version, dispatch, and turn every failure into the spec's
 * error object. Returns what to print and the exit status; never prints itself.
 */
public final class CniPlugin {

    private static final Logger log = LoggerFactory.getLogger(CniPlugin.class);

    private static final Set<String> COMMANDS = Set.of("ADD", "DEL", "CHECK", "VERSION");

    /** What the process prints on stdout (one JSON document, or nothing) and its exit status. */
    public record Outcome(int exitCode, String stdout) {
    }

    private final PluginContext ctx;

    CniPlugin(PluginContext ctx) {
        this.ctx = ctx;
    }

    Outcome run(Map<String, String> env, String stdin) {
        String version = CniVersions.LATEST;
        try {
            String command = env.getOrDefault("CNI_COMMAND", "");
            if (command.isEmpty()) {
                throw new CniException(CniException.INVALID_ENVIRONMENT, "required env variables [CNI_COMMAND] missing");
            }
            if (!COMMANDS.contains(command)) {
                throw new CniException(CniException.INVALID_ENVIRONMENT, "unknown CNI_COMMAND: " + command);
            }
            if (command.equals("VERSION")) {
                return new Outcome(0, versionInfo());
            }
            CniRequest req = CniRequest.fromEnvironment(command, env, stdin);
            ObjectNode json = Json.parseObject(stdin, "network config");
            String requested = NetConf.cniVersionOf(json);
            if (!CniVersions.isSupported(requested)) {
                throw CniVersions.incompatible(requested);
            }
            version = requested;
            NetConf conf = NetConf.parse(json);
            log.debug("{} container {}: {}", command, req.containerId(), conf);
            if (conf.usesDeprecatedHostname()) {
                log.warn("Configuration option 'hostname' is deprecated, use 'nodename' instead.");
            }
            DatastoreType datastore = conf.datastore(datastoreFromEnvironment(env));
            switch (command) {
                case "ADD":
                    return new Outcome(0, new AddCommand(ctx).run(req, conf, datastore));
                case "DEL":
                    new DelCommand(ctx).run(req, conf, datastore);
                    return new Outcome(0, "");
                default:
                    new CheckCommand(ctx).run(req, conf);
                    return new Outcome(0, "");
            }
        } catch (CniException e) {
            log.error("{} (code {}){}", e.msg(), e.code(), e.details().isEmpty() ? "" : ": " + e.details());
            return new Outcome(1, error(version, e));
        } catch (RuntimeException e) {
            log.error("Unexpected failure", e);
            return new Outcome(1, error(version, new CniException(CniException.PLUGIN, String.valueOf(e.getMessage()),
                    e.getClass().getName())));
        }
    }

    private static DatastoreType datastoreFromEnvironment(Map<String, String> env) throws CniException {
        try {
            return DatastoreConfigLoader.fromEnvironment(env).type();
        } catch (ConfigException e) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, e.getMessage());
        }
    }

    static String versionInfo() {
        ObjectNode root = Json.object();
        root.put("cniVersion", CniVersions.LATEST);
        ArrayNode supported = root.putArray("supportedVersions");
        CniVersions.SUPPORTED.forEach(supported::add);
        return Json.write(root);
    }

    static String error(String cniVersion, CniException e) {
        ObjectNode root = Json.object();
        root.put("cniVersion", cniVersion);
        root.put("code", e.code());
        root.put("msg", e.msg());
        if (!e.details().isEmpty()) {
            root.put("details", e.details());
        }
        return Json.write(root);
    }
}
