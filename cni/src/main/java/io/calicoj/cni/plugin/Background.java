package io.calicoj.cni.plugin;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work on a second thread while the command goes on (the API connection and requests, which wait
 * on the network and the TLS handshake, next to the IPAM plugin and iproute2, which wait on processes).
 * {@link #join} gives the result or rethrows the work's own failure.
 */
final class Background<T> {

    /** Work that may fail as a CNI error. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws CniException;
    }

    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    static <T> Background<T> start(String name, Work<T> work) {
        Callable<T> call = work::run;
        FutureTask<T> task = new FutureTask<>(call);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return new Background<>(task);
    }

    /** Waits for the result; the work's {@link CniException} or unchecked failure is rethrown as is. */
    T join() throws CniException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CniException c) {
                throw c;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CniException(CniException.PLUGIN, String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CniException(CniException.PLUGIN, "interrupted");
        }
    }
}
