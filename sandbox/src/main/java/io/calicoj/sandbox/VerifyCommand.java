package io.calicoj.sandbox;

import io.calicoj.exec.CommandFailedException;
import io.calicoj.sandbox.cluster.SandboxCluster;
import io.calicoj.sandbox.cluster.SandboxDir;
import io.calicoj.sandbox.conformance.CaseFormatException;
import io.calicoj.sandbox.conformance.CaseParser;
import io.calicoj.sandbox.conformance.CaseResult;
import io.calicoj.sandbox.conformance.CaseRunner;
import io.calicoj.sandbox.conformance.ConformanceCase;
import io.calicoj.sandbox.conformance.LiveRunner;
import io.calicoj.sandbox.conformance.ModelRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code calico-sandbox verify --mode model|live <files or directories>}: runs NetworkPolicy
 * conformance cases, one line per case and a summary {@code N passed, M failed, K skipped};
 * exit status 1 when any case failed.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run NetworkPolicy conformance case files (shared/netpol-cases format).")
public final class VerifyCommand implements Callable<Integer> {

    /** How cases are run. */
    enum Mode { model, live }

    @Option(names = "--mode", defaultValue = "model",
            description = "model: conversion and the kernel-free evaluator; live: a sandbox with real packets. Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(names = "--nodes", defaultValue = "2", description = "Nodes the pods are spread over. Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--deadline", defaultValue = "15",
            description = "Live mode: seconds a step may take to converge before its matrix counts as failed. Default: ${DEFAULT-VALUE}.")
    int deadlineSeconds;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Case files, or directories searched for *.yaml")
    List<Path> paths;

    private final PrintStream out;

    public VerifyCommand() {
        this(System.out);
    }

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        List<Path> files = caseFiles(paths);
        if (files.isEmpty()) {
            out.println("no case files found in " + paths);
            return 2;
        }
        if (mode == Mode.model) {
            return runAll(new ModelRunner(nodes), files);
        }
        SandboxDir dir = new SandboxDir(Files.createTempDirectory("calico-sandbox-verify-"));
        Files.delete(dir.root());
        out.println("Bringing up a " + nodes + "-node sandbox in " + dir.root() + " …");
        Thread cleanup = new Thread(() -> {
            try {
                SandboxCluster.destroy(dir);
            } catch (IOException e) {
                System.err.println("cleanup failed: " + e.getMessage());
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (SandboxCluster cluster = SandboxCluster.start(dir, SandboxCluster.Options.defaults(nodes));
             LiveRunner runner = new LiveRunner(cluster, Duration.ofSeconds(deadlineSeconds))) {
            return runAll(runner, files);
        } catch (CommandFailedException e) {
            out.println("the sandbox failed: " + e.getMessage());
            return 2;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private int runAll(CaseRunner runner, List<Path> files) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Path f : files) {
            CaseResult r = runOne(runner, f);
            out.println(r.line());
            switch (r.outcome()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case SKIP -> skipped++;
            }
        }
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        return failed > 0 ? 1 : 0;
    }

    static CaseResult runOne(CaseRunner runner, Path file) {
        ConformanceCase c;
        try {
            c = CaseParser.parse(file);
        } catch (CaseFormatException e) {
            return new CaseResult(null, file.getFileName().toString(), CaseResult.Outcome.FAIL,
                    List.of("cannot read case: " + e.getMessage()));
        }
        try {
            return runner.run(c);
        } catch (CaseFormatException e) {
            return new CaseResult(c, c.title(), CaseResult.Outcome.FAIL, List.of(e.getMessage()));
        }
    }

    static List<Path> caseFiles(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new IOException("no such file or directory: " + p);
            }
        }
        return files;
    }
}
