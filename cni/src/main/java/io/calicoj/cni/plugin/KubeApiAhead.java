package io.calicoj.cni.plugin;

/**
 * Opens the API connection a network configuration points at as soon as the plugin has read it, on
 * another thread while the plugin validates and logs (building the TLS context and HTTP client is
 * 50-100 ms of a fresh JVM). {@link #connect} hands that connection over when it is asked for the
 * very configuration it was opened for, and opens another one otherwise. Opening ahead sends no
 * request; a configuration that cannot be read or connected is left for the command to report.
 */
final class KubeApiAhead implements KubeApiFactory {

    private final KubeApiFactory connector;
    private NetConf conf;
    private Background<KubeApi> opened;

    KubeApiAhead(KubeApiFactory connector) {
        this.connector = connector;
    }

    @Override
    public synchronized void connectAhead(String networkConfig) {
        if (opened != null) {
            return;
        }
        NetConf parsed;
        try {
            parsed = NetConf.parse(Json.parseObject(networkConfig, "network config"));
        } catch (CniException | RuntimeException e) {
            return; // The command reads it again and reports what is wrong.
        }
        conf = parsed;
        opened = Background.start("kube-connect-ahead", () -> connector.connect(parsed));
    }

    @Override
    public KubeApi connect(NetConf wanted) throws CniException {
        Background<KubeApi> ahead;
        boolean same;
        synchronized (this) {
            ahead = opened;
            // Every other field is read from the document; a record's own equals is made at run time
            // (java.lang.runtime.ObjectMethods), 10-20 ms in a fresh JVM.
            same = conf != null && wanted.json().equals(conf.json());
            opened = null;
        }
        if (ahead != null && same) {
            return ahead.join();
        }
        if (ahead != null) {
            // Opened for another configuration: closed once it is open, not used.
            Background.start("kube-close-unused", () -> {
                ahead.join().close();
                return null;
            });
        }
        return connector.connect(wanted);
    }
}
