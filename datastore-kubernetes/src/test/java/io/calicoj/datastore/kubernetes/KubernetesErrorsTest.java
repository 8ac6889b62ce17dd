package io.calicoj.datastore.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.datastore.client.DatastoreException;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.ResourceKind;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** fabric8's failures (the syncer's log lines, the pod CIDR lookup) in Calico's terms, naming server and status. */
class KubernetesErrorsTest {

    private static final String SERVER = "https://10.96.0.1:443";
    private static final ResourceKey NODE = ResourceKey.of(ResourceKind.NODE, "worker-1");

    private static KubernetesClientException status(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void anAnswerIsDescribedByServerStatusAndExplanation() {
        assertThat(KubernetesErrors.describe(status(500, "etcdserver: request timed out"), SERVER))
                .isEqualTo("Kubernetes API server https://10.96.0.1:443 answered HTTP 500: etcdserver: request timed out");
    }

    @Test
    void noAnswerIsDescribedByItsRootCause() {
        KubernetesClientException e = new KubernetesClientException("Operation: [get] failed",
                new RuntimeException(new ConnectException("Connection refused")));
        assertThat(KubernetesErrors.describe(e, SERVER))
                .isEqualTo("cannot reach Kubernetes API server https://10.96.0.1:443: ConnectException: Connection refused");
    }

    @Test
    void statusesMapToCalicosErrorKinds() {
        assertThat(KubernetesErrors.toDatastoreException(status(404, "not found"), NODE, SERVER))
                .isInstanceOf(DatastoreException.ResourceDoesNotExist.class).hasMessage("resource does not exist: Node(worker-1)");
        assertThat(KubernetesErrors.toDatastoreException(status(403, "forbidden"), NODE, SERVER))
                .isInstanceOf(DatastoreException.ConnectionUnauthorized.class)
                .hasMessage("connection is unauthorized: Kubernetes API server https://10.96.0.1:443 answered HTTP 403: forbidden");
        assertThat(KubernetesErrors.toDatastoreException(status(409, "conflict"), NODE, SERVER))
                .isInstanceOf(DatastoreException.UpdateConflict.class);
        assertThat(KubernetesErrors.toDatastoreException(status(503, "unavailable"), NODE, SERVER))
                .isInstanceOf(DatastoreException.DatastoreError.class);
    }
}
