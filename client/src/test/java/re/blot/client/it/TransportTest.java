package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static re.blot.client.it.Refusals.restError;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import re.blot.client.Blotre;
import re.blot.client.RestException;
import re.blot.client.TransportException;

/** Network trouble and server failures, injected by the emulator, as the client reports them. */
class TransportTest {
  @RegisterExtension static final ServerExtension EMULATOR = new ServerExtension();

  private static Blotre demo;
  private static String root;
  private static String rootPath;

  @BeforeAll
  static void authorize() {
    demo = EMULATOR.authorizedAs("demo");
    root = demo.getCreds().user().rootStream();
    rootPath = "/v0/api/stream/" + root;
  }

  @Test
  void aWriteOnADroppedConnectionIsReportedAndNotSentAgain() {
    String before = demo.getStreamStatus(root).color();
    EMULATOR.failNext("POST", rootPath + "/status", "\"drop\":true");

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> demo.setStreamStatus(root, "#0f0f0f"));

    assertThat(e.getCause()).isInstanceOf(IOException.class);
    // The fault hit one request only: a silent second attempt would have set the color.
    assertThat(demo.getStreamStatus(root).color()).isEqualTo(before);
  }

  @Test
  void aSlowServerRunsIntoTheReadTimeout() {
    Blotre impatient = demo.newBuilder().readTimeout(Duration.ofMillis(200)).build();
    EMULATOR.failNext("GET", rootPath, "\"delayMs\":2000");

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> impatient.getStream(root));

    assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
    assertThat(impatient.getStream(root).uri()).isEqualTo("demo");
  }

  @Test
  void theSuppliedOkHttpClientsTimeoutsApply() {
    OkHttpClient okHttp = new OkHttpClient.Builder().callTimeout(Duration.ofMillis(200)).build();
    Blotre shared = EMULATOR.config().okHttpClient(okHttp).build();
    EMULATOR.failNext("GET", rootPath + "/status", "\"delayMs\":2000");

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> shared.getStreamStatus(root));

    assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void aServerErrorPageIsARestExceptionWithTheRawBody() {
    EMULATOR.failNext(
        "GET",
        rootPath + "/tags",
        "\"status\":500,\"contentType\":\"text/html\",\"body\":\"<h1>Oops</h1>\"");

    RestException e = restError(() -> demo.getTags(root), 500, null);

    assertThat(e.body()).isEqualTo("<h1>Oops</h1>");
  }
}
