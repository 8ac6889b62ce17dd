package io.calicoj.dataplane;

import io.calicoj.dataplane.api.DataplaneProblem;
import io.calicoj.dataplane.api.DataplaneProblems;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Logs each distinct {@link DataplaneProblem} once, on one line and truncated: a member left out of a
 * set as a warning, anything that failed closed as an error; the same problem again only at debug
 * (a retry every few seconds must not flood the log, nor write a whole restore input each time).
 * Problems are the same when kind, subject and detail agree, line numbers aside ("Error in line 3"
 * and "line 7" of the same refusal in different batches). A resolved problem is logged at info and
 * would be logged again if it came back. Remembers at most {@value #MAX_SUBJECTS} subjects (the
 * least recently seen are forgotten first). Thread-safe.
 */
public final class ProblemLog implements DataplaneProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);
    /** Longest detail logged, in characters. */
    public static final int MAX_DETAIL = 400;
    static final int MAX_SUBJECTS = 10_000;
    private static final int MAX_DETAILS_PER_SUBJECT = 16;

    private final BiConsumer<Level, String> log;
    private final Map<String, Set<String>> seen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_SUBJECTS;
        }
    };

    /** Logs to this class's SLF4J logger. */
    public ProblemLog() {
        this((level, line) -> LOG.atLevel(level).log(line));
    }

    /** @param log where each line goes, with its level */
    ProblemLog(BiConsumer<Level, String> log) {
        this.log = log;
    }

    @Override
    public synchronized void report(DataplaneProblem problem) {
        String line = oneLine(problem.detail());
        String detail = truncate(line, MAX_DETAIL);
        if (firstTime(problem.kind() + " " + problem.subject(), line.replaceAll("(?i)(line:? )\\d+", "$1N"))) {
            log.accept(problem instanceof DataplaneProblem.IpSetMemberRefused ? Level.WARN : Level.ERROR, detail);
        } else {
            log.accept(Level.DEBUG, "Again: " + detail);
        }
    }

    @Override
    public synchronized void resolved(String kind, String subject) {
        if (seen.remove(kind + " " + subject) != null) {
            log.accept(Level.INFO, "Resolved: " + kind + " of " + subject);
        }
    }

    /** Whether this detail is new for the subject (and remembers it). */
    private boolean firstTime(String subject, String detail) {
        Set<String> details = seen.computeIfAbsent(subject, s -> new HashSet<>());
        if (details.contains(detail)) {
            return false;
        }
        if (details.size() >= MAX_DETAILS_PER_SUBJECT) {
            details.clear();
        }
        details.add(detail);
        return true;
    }

    /** Line breaks as spaces, so a tool's multi-line error stays one log line. */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** At most {@code max} characters of the text, saying how many were left out. */
    public static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
    }
}
