package io.calicoj.datastore.kubernetes;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.ResourceKey;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URL;

/**
 * Kubernetes API errors in Calico's terms, with messages that name the API server and the HTTP
 * status (and the server's explanation) but never a credential: tokens travel only in headers,
 * which no message quotes.
 */
final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /** The client's API server as {@code scheme://host:port}, without any user info or path. */
    static String server(KubernetesClient client) {
        URL url = client.getMasterUrl();
        if (url == null) {
            return "(unknown server)";
        }
        return url.getProtocol() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    /** One line: what failed, against which server. */
    static String describe(KubernetesClientException e, String server) {
        if (e.getCode() > 0) {
            Status status = e.getStatus();
            String explanation = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
            return "Kubernetes API server " + server + " answered HTTP " + e.getCode() + explanation;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? String.valueOf(e.getMessage())
                : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return "cannot reach Kubernetes API server " + server + ": " + detail;
    }

    /**
     * Calico's error kind for a failed call about {@code key}: 404 → does not exist, 401/403 →
     * unauthorized, 409 → conflict, anything else (including no answer) → datastore error.
     */
    static DatastoreException toDatastoreException(KubernetesClientException e, ResourceKey key, String server) {
        // The cause is left out: fabric8's messages repeat request details we do not control.
        return switch (e.getCode()) {
            case 404 -> new DatastoreException.ResourceDoesNotExist(key);
            case 401, 403 -> new DatastoreException.ConnectionUnauthorized(describe(e, server), null);
            case 409 -> new DatastoreException.UpdateConflict(key, describe(e, server));
            default -> new DatastoreException.DatastoreError(describe(e, server), null);
        };
    }
}
