package io.calicoj.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a process for an integration test and returns what it printed; throws when it must succeed and did not. */
public final class Sh {

    public record Result(int exit, String stdout, String stderr) {
    }

    private Sh() {
    }

    public static Result run(List<String> argv, Map<String, String> env, String stdin, boolean clearEnv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (clearEnv) {
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(argv + " timed out");
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(argv + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String ok(String... argv) {
        Result r = run(List.of(argv), Map.of(), "", false);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + r.exit() + ": " + r.stderr());
        }
        return r.stdout();
    }

    public static int exit(String... argv) {
        return run(List.of(argv), Map.of(), "", false).exit();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
