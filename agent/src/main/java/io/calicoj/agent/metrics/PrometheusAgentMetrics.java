package io.calicoj.agent.metrics;

import io.calicoj.datastore.SyncStatus;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Felix's metrics on {@code PrometheusMetricsHost:PrometheusMetricsPort}/metrics. Felix's
 * counters keep their exact names (the Java client would append {@code _total} to a counter), so
 * they are exposed as monotonically increasing gauges. JVM metrics stand in for Felix's Go
 * runtime metrics ({@code PrometheusGoMetricsEnabled}).
 */
public final class PrometheusAgentMetrics implements AgentMetrics, AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Gauge updatesProcessed = counter("felix_calc_graph_updates_processed",
            "Number of datastore updates processed by the calculation graph.", "type");
    private final Summary calcTime = summary("felix_calc_graph_update_time_seconds",
            "Seconds to update the calculation graph for each datastore OnUpdate call.");
    private final Gauge outputEvents = counter("felix_calc_graph_output_events",
            "Number of events emitted by the calculation graph.");
    private final Gauge resyncState = gauge("felix_resync_state",
            "Current datastore state (1 = waiting for datastore, 2 = resyncing, 3 = in sync).");
    private final Gauge resyncsStarted = counter("felix_resyncs_started", "Number of times Felix has started resyncing.");
    private final Gauge clusterEndpoints = gauge("felix_cluster_num_workload_endpoints",
            "Total number of workload endpoints cluster-wide.");
    private final Gauge clusterHosts = gauge("felix_cluster_num_hosts", "Total number of Calico hosts in the cluster.");
    private final Gauge dataplaneMessages = counter("felix_int_dataplane_messages",
            "Number of dataplane messages by type.", "type");
    private final Summary batchSize = summary("felix_int_dataplane_msg_batch_size",
            "Number of messages processed in each batch.");
    private final Summary applyTime = summary("felix_int_dataplane_apply_time_seconds",
            "Time in seconds that it took to apply a dataplane update.");
    private final Gauge failures = counter("felix_int_dataplane_failures",
            "Number of times dataplane updates failed and will be retried.");
    private final Gauge problems = counter("felix_int_dataplane_problems",
            "Number of times the dataplane could not program something as told and failed closed instead, by kind and subject"
                    + " (IP set, chain or message).", "kind", "subject");
    private final Gauge localEndpoints = gauge("felix_active_local_endpoints",
            "Number of active endpoints on this host.");
    private final Gauge localPolicies = gauge("felix_active_local_policies",
            "Number of active policies on this host.");
    private final Gauge localSelectors = gauge("felix_active_local_selectors",
            "Number of active selectors (IP sets) on this host.");
    private final HTTPServer server;

    public PrometheusAgentMetrics(String host, int port, boolean runtimeMetrics, boolean processMetrics)
            throws IOException {
        if (runtimeMetrics) {
            JvmMetrics.builder().register(registry);
        } else if (processMetrics) {
            ProcessMetrics.builder().register(registry);
        }
        HTTPServer.Builder b = HTTPServer.builder().port(port).registry(registry);
        if (!host.isEmpty()) {
            b = b.hostname(host);
        }
        server = b.buildAndStart();
        resyncState.set(1);
    }

    private Gauge counter(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help + " (monotonic)").labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    private Summary summary(String name, String help) {
        return Summary.builder().name(name).help(help).quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001)
                .register(registry);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void calcUpdatesProcessed(String type, int count) {
        updatesProcessed.labelValues(type).inc(count);
    }

    @Override
    public void calcUpdateTime(Duration d) {
        calcTime.observe(d.toNanos() / 1e9);
    }

    @Override
    public void calcOutputEvents(int count) {
        outputEvents.inc(count);
    }

    @Override
    public void syncStatus(SyncStatus status) {
        switch (status) {
            case WAIT_FOR_DATASTORE -> resyncState.set(1);
            case RESYNC_IN_PROGRESS -> {
                resyncState.set(2);
                resyncsStarted.inc();
            }
            case IN_SYNC -> resyncState.set(3);
        }
    }

    @Override
    public void clusterSize(int workloadEndpoints, int hosts) {
        clusterEndpoints.set(workloadEndpoints);
        clusterHosts.set(hosts);
    }

    @Override
    public void dataplaneBatch(Map<String, Integer> messagesByType, int size) {
        messagesByType.forEach((type, n) -> dataplaneMessages.labelValues(type).inc(n));
        batchSize.observe(size);
    }

    @Override
    public void dataplaneApplyTime(Duration d) {
        applyTime.observe(d.toNanos() / 1e9);
    }

    @Override
    public void dataplaneFailure() {
        failures.inc();
    }

    @Override
    public void dataplaneProblem(String kind, String subject) {
        problems.labelValues(kind, subject).inc();
    }

    @Override
    public void activeLocal(int endpoints, int policies, int ipSets) {
        localEndpoints.set(endpoints);
        localPolicies.set(policies);
        localSelectors.set(ipSets);
    }

    @Override
    public void close() {
        server.close();
    }
}
