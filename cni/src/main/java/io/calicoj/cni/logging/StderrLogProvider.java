package io.calicoj.cni.logging;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The plugin's SLF4J binding: one line per event on stderr, {@code 2026-11-26 16:54:50.607 [INFO]
 * AddCommand - message} (local time, the logger's simple name), at the level {@link Logging} holds.
 *
 * <p>The plugin used slf4j-simple before, with the same layout. It is replaced because of what it costs a
 * process that logs four lines and exits: its {@code SimpleDateFormat} loads the JDK's locale data
 * (calendar, date format symbols, number format: 50-60 ms of the main thread, about a fifth of an
 * ADD, before the API connection could start), and SLF4J found it by opening every jar to read
 * {@code META-INF/services} (~20 ms), where {@link Logging#install} now names this class. The local time
 * is taken from the default {@link TimeZone}'s offset at the instant ({@link #localTime}), not from
 * {@code LocalDateTime.now()}, whose zone rules cost a fresh JVM another 10-20 ms of the main thread
 * (java.time's own read of the time-zone database, and a service lookup that opens every jar).
 */
public final class StderrLogProvider implements SLF4JServiceProvider {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, StderrLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** For SLF4J, which makes its provider reflectively. */
    public StderrLogProvider() {
    }

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
        // Nothing to read: the level is set by the plugin once it has its configuration.
    }

    /**
     * The wall-clock time in {@code zone} at {@code epochMillis}: the zone's offset at that instant
     * (daylight saving time included) applied to it.
     */
    static LocalDateTime localTime(long epochMillis, TimeZone zone) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(epochMillis) / 1000);
        return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000),
                Math.floorMod(epochMillis, 1000) * 1_000_000, offset);
    }

    /** One line of the log: timestamp, level, the logger's simple name, the message. */
    static String line(LocalDateTime time, Level level, String logger, String message) {
        StringBuilder b = new StringBuilder(48 + message.length());
        b.append(time.getYear()).append('-');
        two(b, time.getMonthValue()).append('-');
        two(b, time.getDayOfMonth()).append(' ');
        two(b, time.getHour()).append(':');
        two(b, time.getMinute()).append(':');
        two(b, time.getSecond()).append('.');
        int millis = time.getNano() / 1_000_000;
        b.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
        b.append(" [").append(level).append("] ").append(logger).append(" - ").append(message);
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** A named logger; the level is asked of {@link Logging} at each event. */
    private static final class StderrLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;

        private final String simpleName;

        StderrLogger(String name) {
            this.name = name;
            this.simpleName = name.substring(name.lastIndexOf('.') + 1);
        }

        @Override
        public boolean isTraceEnabled() {
            return Logging.enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return Logging.enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return Logging.enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return Logging.enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return Logging.enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable thrown) {
            LocalDateTime now = localTime(System.currentTimeMillis(), TimeZone.getDefault());
            String text = line(now, level, simpleName, MessageFormatter.basicArrayFormat(pattern, arguments));
            PrintStream err = System.err;
            synchronized (StderrLogger.class) {
                err.println(text);
                if (thrown != null) {
                    thrown.printStackTrace(err);
                }
                err.flush();
            }
        }
    }
}
