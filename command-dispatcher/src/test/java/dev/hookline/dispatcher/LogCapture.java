package dev.hookline.dispatcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line (message and stack trace) while open: Hookline's at DEBUG, Vert.x at
 * DEBUG, everything else at the configured level.
 */
final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Appender appender = new Appender();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    private final class Appender extends AbstractAppender {
        Appender() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringWriter text = new StringWriter();
            text.append(event.getLevel().name()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                text.append('\n');
                event.getThrown().printStackTrace(new PrintWriter(text));
            }
            lines.add(text.toString());
        }
    }

    LogCapture() {
        appender.start();
        Configurator.setLevel("dev.hookline", Level.DEBUG);
        Configurator.setLevel("io.vertx", Level.DEBUG);
        Configurator.setLevel("io.netty", Level.DEBUG);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        context.getConfiguration().getLoggers().values().forEach(logger -> logger.addAppender(appender, Level.ALL, null));
        context.updateLoggers();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.getConfiguration().getLoggers().values().forEach(logger -> logger.removeAppender(appender.getName()));
        Configurator.setLevel("dev.hookline", Level.INFO);
        Configurator.setLevel("io.vertx", Level.WARN);
        Configurator.setLevel("io.netty", Level.WARN);
        context.updateLoggers();
        appender.stop();
    }
}
