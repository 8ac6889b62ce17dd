package io.calicoj.datastore.kubernetes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The test SLF4J binding: every log call of this module and of fabric8 at or above a level the test
 * chooses ({@link #captureFrom}) is recorded with its formatted message and the full text of its
 * throwable, so tests can assert what was (and what was never) logged. WARN and ERROR are also
 * printed to stderr for readable test reports.
 */
public final class RecordingLogs {

    /** One recorded log call; {@code throwable} is the full stack trace text, empty when none. */
    public record Event(Level level, String logger, String message, String throwable) {
        /** Everything a reader of the log would see. */
        public String text() {
            return level + " " + logger + " " + message + (throwable.isEmpty() ? "" : "\n" + throwable);
        }
    }

    private static final int MAX_EVENTS = 50_000;
    private static final List<Event> EVENTS = new ArrayList<>();
    private static volatile Level threshold = Level.INFO;

    private RecordingLogs() {
    }

    /** Records calls at {@code level} and above from now on (INFO by default). */
    public static void captureFrom(Level level) {
        threshold = level;
    }

    public static void clear() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
    }

    public static List<Event> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    public static List<Event> events(Level level) {
        return events().stream().filter(e -> e.level() == level).toList();
    }

    /** The whole captured log as text, stack traces included. */
    public static String text() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events()) {
            sb.append(e.text()).append('\n');
        }
        return sb.toString();
    }

    static void record(Level level, String logger, String message, Throwable t) {
        String trace = "";
        if (t != null) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            trace = w.toString();
        }
        Event e = new Event(level, logger, message, trace);
        synchronized (EVENTS) {
            if (EVENTS.size() >= MAX_EVENTS) {
                EVENTS.remove(0);
            }
            EVENTS.add(e);
        }
        if (level.toInt() >= Level.WARN.toInt()) {
            System.err.println(e.text());
        }
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    /** A logger that hands every enabled call to {@link RecordingLogs}. */
    private static final class RecordingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        RecordingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                   Throwable throwable) {
            var formatted = MessageFormatter.arrayFormat(pattern, args, throwable);
            record(level, name, formatted.getMessage(), formatted.getThrowable());
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return isTraceEnabled();
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return isInfoEnabled();
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return isWarnEnabled();
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return isErrorEnabled();
        }
    }

    /** Found by SLF4J through {@code META-INF/services} on the test class path. */
    public static final class Provider implements SLF4JServiceProvider {
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
        private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, RecordingLogger::new);
        private final IMarkerFactory markers = new BasicMarkerFactory();
        private final MDCAdapter mdc = new BasicMDCAdapter();

        @Override
        public ILoggerFactory getLoggerFactory() {
            return factory;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
            // nothing to set up
        }
    }
}
