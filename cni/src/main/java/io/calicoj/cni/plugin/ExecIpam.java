package io.calicoj.cni.plugin;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs the IPAM plugin as libcni does: the executable named {@code type}, found in the first
 * {@code CNI_PATH} directory that has it, with the request's {@code CNI_*} variables and the
 * configuration on stdin. Its errors keep their well-known codes (1–99); others become
 * {@link CniException#IPAM} naming the plugin.
 */
final class ExecIpam implements Ipam {

    private static final Logger log = LoggerFactory.getLogger(ExecIpam.class);

    private final CommandRunner runner;

    ExecIpam(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public IpamResult add(String type, String config, CniRequest request) throws CniException {
        return IpamResult.parse(exec("ADD", type, config, request).stdout(), type);
    }

    @Override
    public void del(String type, String config, CniRequest request) throws CniException {
        exec("DEL", type, config, request);
    }

    @Override
    public void check(String type, String config, CniRequest request) throws CniException {
        exec("CHECK", type, config, request);
    }

    private CommandResult exec(String command, String type, String config, CniRequest request) throws CniException {
        NetConf.checkPluginName(type);
        Path plugin = find(type, request.path());
        Command cmd = Command.of(plugin.toString()).withStdin(config)
                .withEnvironment(request.delegateEnvironment(command));
        log.debug("Calling IPAM plugin {} {}", type, command);
        CommandResult result;
        try {
            result = runner.run(cmd);
        } catch (CommandFailedException e) {
            throw new CniException(CniException.IPAM, "IPAM plugin " + type + " could not be run: " + e.getMessage());
        }
        if (!result.stderr().isBlank()) {
            log.debug("IPAM plugin {} {} stderr: {}", type, command, result.stderr().strip());
        }
        if (!result.succeeded()) {
            throw failure(type, command, result);
        }
        return result;
    }

    /** The first executable regular file named {@code type} in {@code cniPath} (':'-separated). */
    static Path find(String type, String cniPath) throws CniException {
        List<String> dirs = new ArrayList<>();
        for (String dir : cniPath.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            dirs.add(dir);
            Path p = Path.of(dir, type);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new CniException(CniException.IPAM, "failed to find plugin \"" + type + "\" in path " + dirs);
    }

    /** The plugin's own error JSON when it printed one; its exit status and stderr otherwise. */
    static CniException failure(String type, String command, CommandResult result) {
        String prefix = "IPAM plugin " + type + " " + command + " failed: ";
        try {
            JsonNode err = Json.parseObject(result.stdout(), "IPAM error");
            int code = err.path("code").asInt(0);
            String msg = err.path("msg").asString("");
            String details = err.path("details").asString("");
            if (!msg.isEmpty()) {
                boolean wellKnown = code > 0 && code < 100;
                return new CniException(wellKnown ? code : CniException.IPAM, prefix + msg,
                        details.isEmpty() ? (wellKnown ? "" : "IPAM error code " + code) : details);
            }
        } catch (CniException notJson) {
            // Fall through: report what the process said.
        }
        String stderr = result.stderr().strip();
        return new CniException(CniException.IPAM, prefix + "exit status " + result.exitCode()
                + (stderr.isEmpty() ? "" : ": " + stderr));
    }
}
