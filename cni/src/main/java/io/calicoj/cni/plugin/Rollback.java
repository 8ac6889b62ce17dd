package io.calicoj.cni.plugin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The undo steps of a command in progress: each step that changes something registers how to
 * take it back, and a failure undoes them newest first, so a failed ADD leaves no address, veth,
 * route or annotation behind. Not thread-safe; one per command.
 */
final class Rollback {

    /** One undo action. */
    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    private record Step(String what, Undo undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Registers {@code undo} (described as {@code what}, e.g. "release 10.0.0.5 (IPAM DEL)"). */
    void onFailure(String what, Undo undo) {
        steps.push(new Step(what, undo));
    }

    /** The command succeeded: forget every step. */
    void commit() {
        steps.clear();
    }

    /**
     * Runs every registered step, newest first, even when some fail.
     *
     * @return one line per step that failed ("what: why"); empty when everything was undone
     */
    List<String> rollBack() {
        List<String> failures = new ArrayList<>();
        while (!steps.isEmpty()) {
            Step s = steps.pop();
            try {
                s.undo().run();
            } catch (Exception e) {
                failures.add(s.what() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    boolean isEmpty() {
        return steps.isEmpty();
    }
}
