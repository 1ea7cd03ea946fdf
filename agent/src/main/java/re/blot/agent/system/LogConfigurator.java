package re.blot.agent.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The agent's logging, configured in code: Logback finds it through {@code ServiceLoader} before it
 * looks for a {@code logback.xml}, and stops there. Reading XML would load Logback's Joran and the
 * JDK's XML parser, about 650 classes and several MiB of resident memory on a Pi that keeps the
 * daemon running all day.
 *
 * <p>Lines go to stderr, so that command output on stdout stays machine-readable; they start with
 * the level alone under systemd, whose journal stamps each line itself, and with the date and time
 * otherwise. A user's own XML named by {@code -Dlogback.configurationFile} still wins: this
 * configurator then steps aside and Logback reads that file as it documents.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** Logback's own system property naming a configuration file. */
  static final String CONFIGURATION_FILE_PROPERTY = "logback.configurationFile";

  static final String JOURNALD_PATTERN = "%-5level %logger{0} - %msg%n";
  static final String CONSOLE_PATTERN = "%d{yyyy-MM-dd HH:mm:ss} " + JOURNALD_PATTERN;

  /** The least level the console shows; {@link #consoleWarningsOnly()} raises it for a while. */
  private static volatile Level consoleLevel = Level.ALL;

  private final Map<String, String> env;
  private final UnaryOperator<String> systemProperty;

  /** The configurator Logback instantiates, reading this process's environment and properties. */
  public LogConfigurator() {
    this(System.getenv(), System::getProperty);
  }

  LogConfigurator(Map<String, String> env, UnaryOperator<String> systemProperty) {
    this.env = env;
    this.systemProperty = systemProperty;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (systemProperty.apply(CONFIGURATION_FILE_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    // Logback's report on its own start-up is not something to read in the journal.
    context.getStatusManager().add(new NopStatusListener());

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(stderrAppender(context));
    // Board detection logs ERRORs on anything that is not a Pi; the agent never auto-detects.
    context.getLogger("com.pi4j.boardinfo").setLevel(Level.OFF);
    context.getLogger("com.pi4j").setLevel(Level.WARN);
    // The embedded emulator of `demo`: its start-up banner is noise in the agent's log.
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * {@code --debug}: the agent's own DEBUG lines (each push, each tag change); {@code --quiet}:
   * warnings and errors only. A user's own Logback XML is left alone.
   */
  public static void verbosity(boolean debug, boolean quiet) {
    if (System.getProperty(CONFIGURATION_FILE_PROPERTY) != null
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(quiet ? Level.WARN : Level.INFO);
    context.getLogger("re.blot").setLevel(debug ? Level.DEBUG : null);
  }

  private ConsoleAppender<ILoggingEvent> stderrAppender(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(Journald.isUnderSystemd(env) ? JOURNALD_PATTERN : CONSOLE_PATTERN);
    encoder.start();

    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("CONSOLE");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    Filter<ILoggingEvent> threshold =
        new Filter<>() {
          @Override
          public FilterReply decide(ILoggingEvent event) {
            return event.getLevel().isGreaterOrEqual(consoleLevel)
                ? FilterReply.NEUTRAL
                : FilterReply.DENY;
          }
        };
    threshold.start();
    appender.addFilter(threshold);
    appender.start();
    return appender;
  }

  /**
   * Until the returned handle is closed, the console shows WARN and ERROR lines only: for a command
   * that tells a person at a terminal in sentences what its INFO lines would say for the journal.
   */
  public static AutoCloseable consoleWarningsOnly() {
    consoleLevel = Level.WARN;
    return () -> consoleLevel = Level.ALL;
  }
}
