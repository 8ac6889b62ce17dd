package io.calicoj.cni.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CNI_ARGS}: {@code KEY=VALUE} pairs separated by {@code ;}, e.g.
 * {@code IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=nginx;K8S_POD_INFRA_CONTAINER_ID=…}.
 */
record CniArgs(Map<String, String> values) {

    static final CniArgs NONE = new CniArgs(Map.of());

    CniArgs {
        values = Map.copyOf(values);
    }

    static CniArgs parse(String text) throws CniException {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.split(";", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CniException(CniException.INVALID_ENVIRONMENT,
                        "CNI_ARGS: invalid pair \"" + pair + "\": expected KEY=VALUE");
            }
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new CniArgs(values);
    }

    Optional<String> get(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The Kubernetes pod this container belongs to, when the runtime said so. */
    Optional<PodRef> pod() {
        Optional<String> ns = get("K8S_POD_NAMESPACE");
        Optional<String> name = get("K8S_POD_NAME");
        if (ns.isPresent() && name.isPresent()) {
            return Optional.of(new PodRef(ns.get(), name.get()));
        }
        return Optional.empty();
    }
}
