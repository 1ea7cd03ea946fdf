package re.blot.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import re.blot.client.Blotre;
import re.blot.client.model.Creds;
import re.blot.client.model.Status;
import re.blot.client.model.Stream;
import re.blot.client.model.User;

/**
 * The client's own cost per call: {@code getStream} and {@code setStreamStatus} through {@link
 * Blotre}, beside the same exchange (same url, headers and body) sent with the bare {@link
 * OkHttpClient} that the {@code Blotre} shares, on the same connection pool and server. The bare
 * calls reuse one prebuilt request and only read the reply as text; the difference is everything
 * our client adds: building the url and request, authorization, the error checks and JSON parsing
 * into the model. Sample mode, so the median (p0.50) per call can be compared.
 *
 * <p>{@code transport=loopback} is the real exchange over TCP; {@code transport=in-memory} answers
 * from an interceptor, so only the client code runs. The second is the one to trust on a busy
 * machine: the loopback medians move with every other process on the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientBenchmark {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** As long as the client's own {@code blotre-java/<version>}; the bench uses only public API. */
  private static final String USER_AGENT = "blotre-java/0.1.0";

  private static final String ACCESS_TOKEN = "benchmarkAccessToken0000000000000000000000000000";

  @Param({"loopback", "in-memory"})
  public String transport;

  private CannedServer server;
  private OkHttpClient okHttp;
  private Blotre blotre;
  private Request bareGetStream;
  private Request bareSetStatus;

  @Setup(Level.Trial)
  public void start() throws IOException {
    server = CannedServer.start();
    okHttp =
        transport.equals("in-memory")
            ? new OkHttpClient.Builder().addInterceptor(CannedServer.inMemory()).build()
            : new OkHttpClient();
    User user = new User("552f24f33004785713de674e", "demo", "552f24f33004785713de674f");
    blotre =
        Blotre.builder()
            .baseUrl(server.baseUrl().toString())
            .okHttpClient(okHttp)
            .creds(new Creds(ACCESS_TOKEN, "bearer", 7200, "benchmarkRefreshToken", user))
            .build();
    bareGetStream =
        new Request.Builder()
            .url(server.streamUrl())
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .build();
    bareSetStatus =
        new Request.Builder()
            .url(server.statusUrl())
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + ACCESS_TOKEN)
            .post(RequestBody.create("{\"color\":\"" + CannedServer.COLOR + "\"}", JSON))
            .build();
  }

  @TearDown(Level.Iteration)
  public void forgetRequests() throws InterruptedException {
    server.forgetRequests();
  }

  @TearDown(Level.Trial)
  public void stop() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
    server.close();
  }

  @Benchmark
  public Stream getStreamBlotre() {
    return blotre.getStream(CannedServer.STREAM_ID);
  }

  @Benchmark
  public String getStreamBare() throws IOException {
    return bare(bareGetStream);
  }

  @Benchmark
  public Status setStreamStatusBlotre() {
    return blotre.setStreamStatus(CannedServer.STREAM_ID, CannedServer.COLOR);
  }

  @Benchmark
  public String setStreamStatusBare() throws IOException {
    return bare(bareSetStatus);
  }

  private String bare(Request request) throws IOException {
    try (Response response = okHttp.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException(request.method() + " " + request.url() + " -> " + response.code());
      }
      return response.body().string();
    }
  }
}
