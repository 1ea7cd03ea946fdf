package re.blot.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Records every log event of a test (register with {@code @RegisterExtension}); thread-safe, as the
 * agent logs from its publisher thread.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent>
    implements BeforeEachCallback, AfterEachCallback {
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    events.add(event);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start();
    root().addAppender(this);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root().detachAppender(this);
    stop();
  }

  /** The messages logged at {@code level} by loggers whose name starts with {@code prefix}. */
  public List<String> messages(Level level, String prefix) {
    return events.stream()
        .filter(e -> e.getLevel() == level && e.getLoggerName().startsWith(prefix))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Every formatted message, in order. */
  public List<String> all() {
    return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
