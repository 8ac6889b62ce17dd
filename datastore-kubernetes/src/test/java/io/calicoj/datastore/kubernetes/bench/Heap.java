package io.calicoj.datastore.kubernetes.bench;

import java.lang.management.ManagementFactory;

/** The benchmarks' heap measurement (a class of its own, so that using it loads nothing else). */
final class Heap {

    private Heap() {
    }

    /** Used heap once garbage collection no longer frees anything (closing clients free buffers late). */
    static long usedAfterGc() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 30; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 16 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
