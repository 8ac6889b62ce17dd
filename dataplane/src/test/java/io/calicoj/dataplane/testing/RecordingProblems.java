package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import java.util.ArrayList;
import java.util.List;

/** A {@link DataplaneProblems} that keeps what it was told: problems in order, and {@code kind subject} of resolutions. */
public final class RecordingProblems implements DataplaneProblems {

    private final List<DataplaneProblem> reported = new ArrayList<>();
    private final List<String> resolved = new ArrayList<>();

    @Override
    public synchronized void report(DataplaneProblem problem) {
        reported.add(problem);
    }

    @Override
    public synchronized void resolved(String kind, String subject) {
        resolved.add(kind + " " + subject);
    }

    public synchronized List<DataplaneProblem> reported() {
        return List.copyOf(reported);
    }

    /** The problems reported of one type. */
    public synchronized <T extends DataplaneProblem> List<T> reported(Class<T> type) {
        return reported.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** {@code "<kind> <subject>"} of each resolution, in order. */
    public synchronized List<String> resolved() {
        return List.copyOf(resolved);
    }
}
