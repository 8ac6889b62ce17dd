package io.calicoj.agent.metrics;

import io.calicoj.datastore.SyncStatus;
import java.time.Duration;

/**
 * What the agent measures, named after Felix's metrics. {@link #NOOP} when metrics are off; the
 * Prometheus implementation exposes them with Felix's names.
 */
public interface AgentMetrics {

    AgentMetrics NOOP = new AgentMetrics() {
    };

    /** {@code felix_calc_graph_updates_processed{type}}. */
    default void calcUpdatesProcessed(String type, int count) {
    }

    /** {@code felix_calc_graph_update_time_seconds}: one batch of updates through the graph. */
    default void calcUpdateTime(Duration d) {
    }

    /** {@code felix_calc_graph_output_events}. */
    default void calcOutputEvents(int count) {
    }

    /** {@code felix_resync_state} and {@code felix_resyncs_started}. */
    default void syncStatus(SyncStatus status) {
    }

    /** {@code felix_cluster_num_workload_endpoints}, {@code felix_cluster_num_hosts}. */
    default void clusterSize(int workloadEndpoints, int hosts) {
    }

    /** {@code felix_int_dataplane_messages{type}}, {@code felix_int_dataplane_msg_batch_size}. */
    default void dataplaneBatch(java.util.Map<String, Integer> messagesByType, int size) {
    }

    /** {@code felix_int_dataplane_apply_time_seconds}. */
    default void dataplaneApplyTime(Duration d) {
    }

    /** {@code felix_int_dataplane_failures}. */
    default void dataplaneFailure() {
    }

    /**
     * {@code felix_int_dataplane_problems{kind, subject}}: what the dataplane could not do as told and
     * fell back to failing closed for (a member left out of an IP set, a set or chain the kernel
     * refused, a message set aside), and failed applies.
     */
    default void dataplaneProblem(String kind, String subject) {
    }

    /** {@code felix_active_local_endpoints}, {@code felix_active_local_policies}, {@code felix_active_local_selectors}. */
    default void activeLocal(int endpoints, int policies, int ipSets) {
    }
}
