package io.calicoj.sandbox.conformance;

import io.calicoj.model.InvalidResourceException;
import io.calicoj.model.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads conformance case files strictly: every field must be one the format defines, so that a
 * case using something this runner does not implement fails loudly instead of passing.
 */
public final class CaseParser {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static final Set<String> TOP = Set.of("id", "name", "ginkgo", "source", "model", "upstream_latest",
            "notes", "symbols", "assumptions", "steps");
    private static final Set<String> MODEL = Set.of("namespaces", "pods", "serving");
    private static final Set<String> SERVING = Set.of("ports", "protocols", "container_ports_on_every_pod");
    private static final Set<String> CONTAINER_PORT = Set.of("name", "containerPort", "protocol");
    private static final Set<String> SYMBOL = Set.of("podIP", "prefix", "ipv6_prefix", "mask_host_bits", "derivation");
    private static final Set<String> STEP = Set.of("step", "description", "actions", "probe");
    private static final Set<String> PROBE = Set.of("port", "protocol", "ignore_loopback", "derivation", "expect");

    private CaseParser() {
    }

    public static ConformanceCase parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CaseFormatException("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new CaseFormatException("not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CaseFormatException("a case file is a YAML mapping");
        }
        known(root, TOP, "");
        JsonNode model = required(root, "model", "");
        known(model, MODEL, "model");
        Map<String, Map<String, String>> namespaces = new TreeMap<>();
        required(model, "namespaces", "model").properties().forEach(e -> namespaces.put(e.getKey(), labels(e.getValue(),
                "model.namespaces." + e.getKey())));
        Map<PodRef, Map<String, String>> pods = new TreeMap<>();
        required(model, "pods", "model").properties().forEach(e -> {
            PodRef pod = PodRef.parse(e.getKey());
            if (!namespaces.containsKey(pod.namespace())) {
                throw new CaseFormatException("model.pods." + pod + ": namespace " + pod.namespace() + " is not in model.namespaces");
            }
            pods.put(pod, labels(e.getValue(), "model.pods." + pod));
        });
        JsonNode serving = required(model, "serving", "model");
        known(serving, SERVING, "model.serving");
        List<ContainerPort> ports = new ArrayList<>();
        for (JsonNode p : required(serving, "container_ports_on_every_pod", "model.serving")) {
            known(p, CONTAINER_PORT, "model.serving.container_ports_on_every_pod");
            ports.add(new ContainerPort(text(p, "name", "container port"), integer(p, "containerPort", "container port"),
                    protocol(text(p, "protocol", "container port"), "model.serving")));
        }
        Map<String, SymbolDefinition> symbols = new LinkedHashMap<>();
        root.path("symbols").properties().forEach(e -> symbols.put(e.getKey(), symbol(e.getKey(), e.getValue(), pods.keySet())));
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : required(root, "steps", "")) {
            steps.add(step(s, pods.keySet()));
        }
        if (steps.isEmpty()) {
            throw new CaseFormatException("steps: a case needs at least one step");
        }
        return new ConformanceCase(file, root.path("id").asString(""), root.path("name").asString(""), namespaces, pods,
                ports, symbols, steps);
    }

    private static SymbolDefinition symbol(String name, JsonNode node, Set<PodRef> pods) {
        String where = "symbols." + name;
        known(node, SYMBOL, where);
        PodRef pod = PodRef.parse(text(node, "podIP", where));
        if (!pods.contains(pod)) {
            throw new CaseFormatException(where + ".podIP: no pod " + pod);
        }
        int prefix = integer(node, "prefix", where);
        int v6 = node.has("ipv6_prefix") ? integer(node, "ipv6_prefix", where) : 128;
        return new SymbolDefinition(name, pod, prefix, v6, node.path("mask_host_bits").asBoolean(false));
    }

    private static Step step(JsonNode node, Set<PodRef> pods) {
        known(node, STEP, "steps[]");
        int number = node.path("step").asInt(0);
        String where = "step " + number;
        List<CaseAction> actions = new ArrayList<>();
        for (JsonNode a : node.path("actions")) {
            actions.add(action(a, where, pods));
        }
        JsonNode p = required(node, "probe", where);
        known(p, PROBE, where + ".probe");
        Protocol protocol = protocol(text(p, "protocol", where + ".probe"), where + ".probe");
        Map<PodRef, Map<PodRef, Boolean>> cells = new TreeMap<>();
        required(p, "expect", where + ".probe").properties().forEach(row -> {
            PodRef from = PodRef.parse(row.getKey());
            Map<PodRef, Boolean> r = new TreeMap<>();
            row.getValue().properties().forEach(c -> {
                if (!c.getValue().isBoolean()) {
                    throw new CaseFormatException(where + ".probe.expect." + from + "." + c.getKey() + ": not true/false");
                }
                r.put(PodRef.parse(c.getKey()), c.getValue().asBoolean());
            });
            cells.put(from, r);
        });
        for (PodRef from : pods) {
            for (PodRef to : pods) {
                if (!cells.containsKey(from) || !cells.get(from).containsKey(to)) {
                    throw new CaseFormatException(where + ".probe.expect: no cell " + from + " -> " + to);
                }
            }
        }
        Probe probe = new Probe(integer(p, "port", where + ".probe"), protocol,
                p.path("ignore_loopback").asBoolean(false), new ReachabilityMatrix(cells));
        return new Step(number, node.path("description").asString(""), actions, probe);
    }

    private static CaseAction action(JsonNode a, String where, Set<PodRef> pods) {
        if (!a.isObject() || a.size() != 1) {
            throw new CaseFormatException(where + ": an action is a mapping with exactly one key");
        }
        String kind = a.propertyNames().iterator().next();
        JsonNode v = a.get(kind);
        String at = where + "." + kind;
        switch (kind) {
            case "create_policy":
                return new CaseAction.CreatePolicy(manifest(v, at));
            case "update_policy":
                return new CaseAction.UpdatePolicy(manifest(v, at));
            case "delete_policy":
                known(v, Set.of("namespace", "name"), at);
                return new CaseAction.DeletePolicy(text(v, "namespace", at), text(v, "name", at));
            case "add_namespace_labels":
                known(v, Set.of("namespace", "labels", "resulting_labels"), at);
                return new CaseAction.AddNamespaceLabels(text(v, "namespace", at), labels(required(v, "labels", at), at),
                        labels(required(v, "resulting_labels", at), at));
            case "remove_namespace_labels":
                known(v, Set.of("namespace", "keys", "resulting_labels"), at);
                return new CaseAction.RemoveNamespaceLabels(text(v, "namespace", at), strings(required(v, "keys", at)),
                        labels(required(v, "resulting_labels", at), at));
            case "add_pod_labels":
                known(v, Set.of("pod", "labels", "resulting_labels"), at);
                return new CaseAction.AddPodLabels(pod(v, at, pods), labels(required(v, "labels", at), at),
                        labels(required(v, "resulting_labels", at), at));
            case "remove_pod_labels":
                known(v, Set.of("pod", "keys", "resulting_labels"), at);
                return new CaseAction.RemovePodLabels(pod(v, at, pods), strings(required(v, "keys", at)),
                        labels(required(v, "resulting_labels", at), at));
            default:
                throw new CaseFormatException(where + ": unknown action \"" + kind + "\"");
        }
    }

    private static PodRef pod(JsonNode v, String at, Set<PodRef> pods) {
        PodRef pod = PodRef.parse(text(v, "pod", at));
        if (!pods.contains(pod)) {
            throw new CaseFormatException(at + ".pod: no pod " + pod);
        }
        return pod;
    }

    private static String manifest(JsonNode v, String at) {
        if (!v.isObject() || !"NetworkPolicy".equals(v.path("kind").asString(""))) {
            throw new CaseFormatException(at + ": expected a NetworkPolicy object");
        }
        return YAML.writeValueAsString(v);
    }

    private static Protocol protocol(String text, String where) {
        try {
            Protocol p = Protocol.parse(text);
            if (!p.supportsPorts()) {
                throw new CaseFormatException(where + ".protocol: " + text + " is not TCP, UDP or SCTP");
            }
            return p;
        } catch (InvalidResourceException e) {
            throw new CaseFormatException(where + ".protocol: unknown protocol \"" + text + "\"");
        }
    }

    private static void known(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new CaseFormatException((where.isEmpty() ? "" : where + ": ") + "expected a mapping");
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new CaseFormatException((where.isEmpty() ? "" : where + ".") + key + ": unknown field");
            }
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new CaseFormatException((where.isEmpty() ? "" : where + ".") + field + ": missing");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isValueNode()) {
            throw new CaseFormatException(where + "." + field + ": expected a value");
        }
        return v.asString();
    }

    private static int integer(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new CaseFormatException(where + "." + field + ": expected a whole number, not " + v);
        }
        return v.asInt();
    }

    private static Map<String, String> labels(JsonNode node, String where) {
        Map<String, String> out = new TreeMap<>();
        if (node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw new CaseFormatException(where + ": labels are a mapping");
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isValueNode()) {
                throw new CaseFormatException(where + "." + e.getKey() + ": a label value is text");
            }
            out.put(e.getKey(), e.getValue().asString());
        });
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            out.add(n.asString());
        }
        return out;
    }
}
