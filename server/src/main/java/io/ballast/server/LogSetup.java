package io.ballast.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The console log, set up in code (found by logback as a service) rather than from a {@code logback.xml}: parsing XML
 * took about a tenth of a second of every start-up (docs/performance.md). {@code -Dlogback.configurationFile=FILE}
 * still replaces it entirely; {@code logging.format: json} switches its format later ({@link LogFormat}).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} %X{requestId:-} - %msg%n";

    /** Libraries that say too much at INFO. */
    private static final Map<String, Level> QUIET = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            // "H2 2.5 is newer than this Flyway": the migrations run in every test; not worth a warning per start
            "org.flywaydb.core.internal.database.base.Database", Level.ERROR,
            "io.micronaut", Level.WARN,
            "io.netty", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the operator's own file, read by logback's default
        }
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var console = new ConsoleAppender<ILoggingEvent>();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
