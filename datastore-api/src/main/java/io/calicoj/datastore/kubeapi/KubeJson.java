package io.calicoj.datastore.kubeapi;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the lean Kubernetes client and the programs built on it (tree model
 * only: no data binding, so few classes load and a short-lived process starts fast).
 */
public final class KubeJson {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private KubeJson() {
    }
}
