package io.calicoj.agent;

import ch.qos.logback.classic.Level;
import io.calicoj.agent.config.FelixConfig;
import io.calicoj.agent.config.FelixConfigLoader;
import io.calicoj.agent.health.HealthAggregator;
import io.calicoj.agent.health.HealthServer;
import io.calicoj.agent.metrics.AgentMetrics;
import io.calicoj.agent.metrics.PrometheusAgentMetrics;
import io.calicoj.agent.pipeline.Pipeline;
import io.calicoj.agent.status.DirectoryStatusFiles;
import io.calicoj.agent.status.EndpointStatusFileReporter;
import io.calicoj.dataplane.ProblemLog;
import io.calicoj.dataplane.Sleeper;
import io.calicoj.dataplane.api.DataplaneDriver;
import io.calicoj.dataplane.api.EndpointStatusListener;
import io.calicoj.dataplane.linux.DataplaneConfig;
import io.calicoj.dataplane.linux.LinuxDataplaneDriver;
import io.calicoj.datastore.Syncer;
import io.calicoj.datastore.config.ConfigException;
import io.calicoj.datastore.config.DatastoreConfig;
import io.calicoj.datastore.config.DatastoreConfigLoader;
import io.calicoj.datastore.config.DatastoreType;
import io.calicoj.datastore.kubernetes.KubernetesDatastore;
import io.calicoj.exec.ProcessCommandRunner;
import io.calicoj.kube.connection.InClusterEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code calico-felix}: the per-node agent. Reads Felix's configuration ({@code FELIX_*} environment
 * over {@code /etc/calico/felix.cfg}) and the datastore's ({@code DATASTORE_TYPE}, {@code KUBECONFIG},
 * {@code K8S_*}), then runs datastore → calculation graph → iptables/ipset dataplane until stopped.
 * The kernel is not touched before the datastore is in sync, and the rules stay in place when the
 * agent exits or crashes.
 */
public final class CalicoFelix {

    private static final Logger log = LoggerFactory.getLogger(CalicoFelix.class);
    private static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/calico/felix.cfg");

    private CalicoFelix() {
    }

    public static void main(String[] args) {
        Path configFile = DEFAULT_CONFIG_FILE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--config-file" -> {
                    if (i + 1 >= args.length) {
                        fail("--config-file needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--version" -> {
                    System.out.println(version());
                    return;
                }
                case "-h", "--help" -> {
                    System.out.println("Usage: calico-felix [-c|--config-file <file>] [--version]");
                    System.out.println("Configuration: FELIX_* environment variables (Felix's parameter names), the config file"
                            + " (default " + DEFAULT_CONFIG_FILE + "), DATASTORE_TYPE, KUBECONFIG, K8S_*.");
                    return;
                }
                default -> fail("unknown argument " + args[i] + " (see --help)");
            }
        }
        try {
            run(System.getenv(), configFile);
        } catch (IllegalArgumentException | ConfigException | IllegalStateException e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail("cannot start: " + e.getMessage());
        }
    }

    private static void run(Map<String, String> env, Path configFile) throws IOException {
        FelixConfigLoader.Loaded loaded = FelixConfigLoader.load(env, configFile, hostname());
        FelixConfig felix = loaded.config();
        setLogLevel(felix.logSeverityScreen());
        loaded.warnings().forEach(log::warn);
        DataplaneConfig dataplaneConfig = DataplaneConfig.fromParameters(felix.parameters());
        DatastoreConfig datastore = DatastoreConfigLoader.fromEnvironment(env);
        if (datastore.type() != DatastoreType.KUBERNETES) {
            throw new IllegalStateException("DATASTORE_TYPE=" + datastore.type()
                    + " is not supported by this build of calico-felix; use DATASTORE_TYPE=kubernetes");
        }
        log.info("Calico/J felix {} starting on node {} with DATASTORE_TYPE={}", version(), felix.felixHostname(),
                datastore.type());

        HealthAggregator health = new HealthAggregator(InstantSource.system());
        HealthServer healthServer = felix.healthEnabled()
                ? new HealthServer(health, felix.healthHost(), felix.healthPort()) : null;
        PrometheusAgentMetrics prometheus = felix.prometheusMetricsEnabled()
                ? new PrometheusAgentMetrics(felix.prometheusMetricsHost(), felix.prometheusMetricsPort(),
                felix.prometheusGoMetricsEnabled(), felix.prometheusProcessMetricsEnabled()) : null;
        AgentMetrics metrics = prometheus == null ? AgentMetrics.NOOP : prometheus;

        EndpointStatusListener status = endpointStatus(felix.endpointStatusPathPrefix());
        Syncer syncer = KubernetesDatastore.syncer(datastore, InClusterEnvironment.of(env), felix.interfacePrefix());
        DataplaneDriver driver = new LinuxDataplaneDriver(dataplaneConfig, new ProcessCommandRunner(),
                InstantSource.system(), Sleeper.SYSTEM, new ProblemLog().and(p -> metrics.dataplaneProblem(p.kind(), p.subject())),
                status);
        Pipeline pipeline = new Pipeline(syncer, felix.felixHostname(), driver, health, metrics, InstantSource.system());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping; the dataplane keeps its rules");
            pipeline.close();
            if (healthServer != null) {
                healthServer.close();
            }
            if (prometheus != null) {
                prometheus.close();
            }
            stopped.countDown();
        }, "shutdown"));
        pipeline.start();
        if (healthServer != null) {
            log.info("health on {}:{} (/liveness, /readiness)", felix.healthHost(), healthServer.port());
        }
        if (prometheus != null) {
            log.info("Prometheus metrics on port {}", prometheus.port());
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Calico's endpoint status files under {@code <prefix>/endpoint-status}, which the CNI plugin waits
     * for; the stale ones are deleted now, before anything is programmed (a failure to do so stops the
     * agent: a stale file could let a pod start before its rules are in).
     */
    private static EndpointStatusListener endpointStatus(String prefix) throws IOException {
        if (prefix.isEmpty()) {
            log.info("EndpointStatusPathPrefix is empty: no endpoint status files");
            return EndpointStatusListener.NONE;
        }
        Path dir = Path.of(prefix, "endpoint-status");
        EndpointStatusFileReporter reporter = new EndpointStatusFileReporter(new DirectoryStatusFiles(dir), InstantSource.system());
        try {
            reporter.start();
        } catch (IOException e) {
            throw new IOException("cannot clear the endpoint status directory " + dir + ": " + e.getMessage(), e);
        }
        log.info("Endpoint status files in {}", dir);
        return reporter;
    }

    private static void setLogLevel(String severity) {
        Level level = switch (severity) {
            case "DEBUG" -> Level.DEBUG;
            case "WARNING" -> Level.WARN;
            case "ERROR", "FATAL", "CRITICAL", "PANIC" -> Level.ERROR;
            default -> Level.INFO;
        };
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }

    /** The machine's host name, as the kernel has it (no DNS lookup). */
    static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String version() {
        String v = CalicoFelix.class.getPackage().getImplementationVersion();
        return "calico-felix (Calico/J) " + (v == null ? "development build" : v);
    }

    private static void fail(String message) {
        System.err.println("calico-felix: " + message);
        System.exit(1);
    }
}
