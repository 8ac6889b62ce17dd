package io.calicoj.cni.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One invocation as the runtime made it: the {@code CNI_*} environment and the configuration text
 * from stdin.
 *
 * @param netns empty for a DEL without a namespace (allowed by the spec)
 */
record CniRequest(String command, String containerId, String netns, String ifName, String rawArgs, CniArgs args,
                  String path, String stdin) {

    /** The spec's container ID rule. */
    private static final Pattern CONTAINER_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

    CniRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(ifName, "ifName");
        Objects.requireNonNull(rawArgs, "rawArgs");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(stdin, "stdin");
    }

    /**
     * Reads the variables the command needs (libcni's rules: all but {@code CNI_ARGS} for ADD and
     * CHECK, all but {@code CNI_NETNS} and {@code CNI_ARGS} for DEL) and validates them.
     */
    static CniRequest fromEnvironment(String command, Map<String, String> env, String stdin) throws CniException {
        List<String> missing = new ArrayList<>();
        String containerId = required(env, "CNI_CONTAINERID", missing);
        String netns = command.equals("DEL") ? env.getOrDefault("CNI_NETNS", "") : required(env, "CNI_NETNS", missing);
        String ifName = required(env, "CNI_IFNAME", missing);
        String path = required(env, "CNI_PATH", missing);
        if (!missing.isEmpty()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT,
                    "required env variables [" + String.join(",", missing) + "] missing");
        }
        if (!CONTAINER_ID.matcher(containerId).matches()) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_CONTAINERID: invalid container ID \""
                    + containerId + "\": it must start with a letter or digit and contain only letters, digits, '_', '.' and '-'");
        }
        checkInterfaceName(ifName);
        String rawArgs = env.getOrDefault("CNI_ARGS", "");
        return new CniRequest(command, containerId, netns, ifName, rawArgs, CniArgs.parse(rawArgs), path, stdin);
    }

    /** Linux's rules for an interface name: 1–15 bytes, not "." or "..", no '/', ':' or white space. */
    static void checkInterfaceName(String name) throws CniException {
        boolean ok = !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..");
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = c > ' ' && c < 127 && c != '/' && c != ':';
        }
        if (!ok) {
            throw new CniException(CniException.INVALID_ENVIRONMENT, "CNI_IFNAME: invalid interface name \"" + name
                    + "\": 1 to 15 characters, not '.' or '..', without '/', ':' or white space");
        }
    }

    private static String required(Map<String, String> env, String name, List<String> missing) {
        String v = env.getOrDefault(name, "");
        if (v.isEmpty()) {
            missing.add(name);
        }
        return v;
    }

    /** The environment for a delegated (IPAM) plugin: the same variables, with this command. */
    Map<String, String> delegateEnvironment(String delegateCommand) {
        return Map.of("CNI_COMMAND", delegateCommand, "CNI_CONTAINERID", containerId, "CNI_NETNS", netns,
                "CNI_IFNAME", ifName, "CNI_ARGS", rawArgs, "CNI_PATH", path);
    }
}
