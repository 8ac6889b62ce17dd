package io.calicoj.sandbox;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code calico-sandbox}: a local Calico/J cluster on network namespaces, the conformance rig, and the demo. */
@Command(name = "calico-sandbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A local multi-node Calico/J cluster on network namespaces, the NetworkPolicy conformance rig and the demo.",
        subcommands = {UpCommand.class, DownCommand.class, EnvCommand.class, StatusCommand.class,
                ManifestCommand.Apply.class, ManifestCommand.Delete.class, ExecCommand.class, VerifyCommand.class, DemoCommand.class,
                DaemonCommand.class, PodAgentCommand.class, CommandLine.HelpCommand.class})
public final class CalicoSandbox implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new CalicoSandbox()).execute(args);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
