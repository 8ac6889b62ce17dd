package io.calicoj.datastore.config;

import java.util.List;

/**
 * etcd connection settings ({@code DATASTORE_TYPE=etcdv2}).
 *
 * @param endpoints {@code ETCD_ENDPOINTS}, or {@code <scheme>://<authority>} from the deprecated pair
 */
public record EtcdSettings(List<String> endpoints, String username, Secret password, String keyFile, String certFile,
                           String caCertFile) {

    public static final EtcdSettings DEFAULT = new EtcdSettings(List.of("http://127.0.0.1:2379"), "", null, "", "", "");

    public EtcdSettings {
        endpoints = List.copyOf(endpoints);
    }
}
