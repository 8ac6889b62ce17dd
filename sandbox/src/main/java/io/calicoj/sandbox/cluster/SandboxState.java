package io.calicoj.sandbox.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a running sandbox has created, written before each thing is created so that {@code down}
 * can remove everything even after the sandbox process was killed: the namespace prefix, node
 * count, the API port, and every process started (by role, with its pid).
 */
public record SandboxState(String prefix, int nodes, int apiPort, Map<String, Long> processes) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public SandboxState {
        processes = Map.copyOf(new TreeMap<>(processes));
    }

    public SandboxState withApiPort(int port) {
        return new SandboxState(prefix, nodes, port, processes);
    }

    public SandboxState withProcess(String role, long pid) {
        Map<String, Long> p = new TreeMap<>(processes);
        p.put(role, pid);
        return new SandboxState(prefix, nodes, apiPort, p);
    }

    public SandboxState withoutProcess(String role) {
        Map<String, Long> p = new TreeMap<>(processes);
        p.remove(role);
        return new SandboxState(prefix, nodes, apiPort, p);
    }

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("prefix", prefix);
        root.put("nodes", nodes);
        root.put("apiPort", apiPort);
        ObjectNode procs = root.putObject("processes");
        processes.forEach(procs::put);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static SandboxState read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        Map<String, Long> procs = new TreeMap<>();
        root.path("processes").properties().forEach(e -> procs.put(e.getKey(), e.getValue().asLong()));
        return new SandboxState(root.path("prefix").asString(), root.path("nodes").asInt(), root.path("apiPort").asInt(),
                procs);
    }

    public List<Long> pids() {
        return new ArrayList<>(processes.values());
    }
}
