/**
 * JSON and YAML as Jackson trees without an {@code ObjectMapper} ({@link io.calicoj.json.JsonTrees}), for the
 * short-lived programs: the datastore configuration file, kubeconfig, the Kubernetes API's answers and the
 * CNI plugin's network configuration and results.
 */
package io.calicoj.json;
