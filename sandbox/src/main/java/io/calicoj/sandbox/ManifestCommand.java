package io.calicoj.sandbox;

import io.calicoj.sandbox.cluster.SandboxState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apply -f} and {@code delete -f} of Kubernetes YAML (namespaces, pods, network policies, …). */
abstract class ManifestCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, description = "A YAML file, or - for standard input")
    String file;

    abstract void act(KubernetesClient client, HasMetadata item);

    abstract String verb();

    @Override
    public Integer call() throws Exception {
        SandboxState state = SandboxContext.state(SandboxContext.dir());
        try (KubernetesClient client = SandboxContext.client(state);
             InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            List<HasMetadata> items = client.load(in).items();
            int failures = 0;
            for (HasMetadata item : items) {
                String what = item.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + item.getMetadata().getName();
                try {
                    act(client, item);
                    System.out.println(what + " " + verb());
                } catch (KubernetesClientException e) {
                    System.err.println(what + ": " + e.getMessage());
                    failures++;
                }
            }
            return failures == 0 ? 0 : 1;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, description = "Create or update Kubernetes objects from YAML.")
    static final class Apply extends ManifestCommand {
        @Override
        void act(KubernetesClient client, HasMetadata item) {
            client.resource(item).createOr(NonDeletingOperation::update);
        }

        @Override
        String verb() {
            return "applied";
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the Kubernetes objects a YAML file names.")
    static final class Delete extends ManifestCommand {
        @Override
        void act(KubernetesClient client, HasMetadata item) {
            client.resource(item).delete();
        }

        @Override
        String verb() {
            return "deleted";
        }
    }
}
