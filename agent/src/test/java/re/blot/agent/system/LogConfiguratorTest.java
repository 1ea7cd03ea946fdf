package re.blot.agent.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogConfiguratorTest {
  private final LoggerContext context = new LoggerContext();

  @ParameterizedTest
  @ValueSource(strings = {"JOURNAL_STREAM", "INVOCATION_ID"})
  void underSystemdLinesStartWithTheLevelBecauseJournaldStampsThem(String variable) {
    assertThat(configure(Map.of(variable, "8:1234")))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    assertThat(format("re.blot.agent.publish.Publisher", "Pushed 1 color"))
        .isEqualTo("INFO  Publisher - Pushed 1 color\n");
  }

  @Test
  void onAConsoleLinesStartWithTheDateAndTimeToTheSecond() {
    assertThat(configure(Map.of("HOME", "/root")))
        .isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    assertThat(format("re.blot.agent.publish.Publisher", "Pushed 1 color"))
        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} INFO  Publisher - Pushed 1 color\n");
  }

  @Test
  void logsInfoToStderrAndQuietsPi4jAndJetty() {
    configure(Map.of());

    assertThat(console().getTarget()).isEqualTo("System.err");
    assertThat(context.getLogger("re.blot.agent.cli.RunCommand").getEffectiveLevel())
        .isEqualTo(Level.INFO);
    assertThat(context.getLogger("com.pi4j.boardinfo.util.BoardInfoHelper").getEffectiveLevel())
        .isEqualTo(Level.OFF);
    assertThat(context.getLogger("com.pi4j.plugin.mock.MockSpi").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getStatusManager().getCopyOfStatusListenerList())
        .hasOnlyElementsOfType(NopStatusListener.class)
        .isNotEmpty();
  }

  /** For setup: the person reads sentences, and only warnings join them on the console. */
  @Test
  void theConsoleCanShowWarningsOnlyForAWhile() throws Exception {
    configure(Map.of());
    LoggingEvent info = event(Level.INFO, "Registered disposable client");
    LoggingEvent warn = event(Level.WARN, "Cannot register");

    try (AutoCloseable quiet = LogConfigurator.consoleWarningsOnly()) {
      assertThat(console().getFilterChainDecision(info)).isEqualTo(FilterReply.DENY);
      assertThat(console().getFilterChainDecision(warn)).isEqualTo(FilterReply.NEUTRAL);
    }
    assertThat(console().getFilterChainDecision(info)).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void aUsersOwnConfigurationFileIsLeftToLogback() {
    LogConfigurator configurator =
        new LogConfigurator(
            Map.of(),
            name ->
                name.equals("logback.configurationFile") ? "/etc/blotre-agent/logback.xml" : null);
    configurator.setContext(context);

    assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(root().iteratorForAppenders()).isExhausted();
  }

  @Test
  void logbackFindsItAsAService() {
    assertThat(ServiceLoader.load(Configurator.class))
        .singleElement()
        .isInstanceOf(LogConfigurator.class);
  }

  private ExecutionStatus configure(Map<String, String> env) {
    LogConfigurator configurator = new LogConfigurator(env, name -> null);
    configurator.setContext(context);
    return configurator.configure(context);
  }

  private String format(String loggerName, String message) {
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(), context.getLogger(loggerName), Level.INFO, message, null, null);
    return new String(console().getEncoder().encode(event), UTF_8);
  }

  private LoggingEvent event(Level level, String message) {
    return new LoggingEvent(
        Logger.class.getName(),
        context.getLogger("re.blot.client.disposable.DisposableApp"),
        level,
        message,
        null,
        null);
  }

  private ConsoleAppender<ILoggingEvent> console() {
    return (ConsoleAppender<ILoggingEvent>) root().getAppender("CONSOLE");
  }

  private Logger root() {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
