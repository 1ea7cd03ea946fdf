package re.blot.bench;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import re.blot.agent.schedule.Sleeper;
import re.blot.agent.sensor.Adc;
import re.blot.agent.sensor.AdcChip;
import re.blot.agent.sensor.Pi4jContexts;
import re.blot.agent.sensor.Pi4jHardware;
import re.blot.agent.sensor.PowerSwitch;
import re.blot.agent.sensor.Sensor;

/**
 * The sampling path of the agent: one MCP3008 conversion (command frame, SPI transfer, null-bit
 * check and decoding) and one full reading (a discarded conversion plus the median of 9), each
 * twice: on Pi4J's mock SPI as {@code --mock} runs it, and on a transport that only copies the
 * chip's reply, which leaves our code alone. {@code pi4jMockSpiAlone} is the mock bus by itself
 * (the calls the mock transport makes per conversion), for subtracting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SamplingBenchmark {
  private static final int SAMPLES = 9;
  private static final byte[] REPLY = AdcChip.MCP3008.replyFrame(612);
  private static final byte[] COMMAND = {0x01, (byte) 0x80, 0x00};

  private Pi4jHardware hardware;
  private Context baselineContext;
  private MockSpi baselineSpi;
  private final byte[] baselineRx = new byte[3];
  private Adc onMockSpi;
  private Adc onCopiedReply;
  private Sensor sensorOnMockSpi;
  private Sensor sensorOnCopiedReply;

  @Setup
  public void open() {
    hardware = Pi4jHardware.mock((chip, command) -> REPLY);
    onMockSpi = AdcChip.MCP3008.open(hardware.openSpi(0, 0, 1_000_000, AdcChip.MCP3008));
    onCopiedReply = AdcChip.MCP3008.open((tx, rx) -> System.arraycopy(REPLY, 0, rx, 0, rx.length));
    sensorOnMockSpi = sensor(onMockSpi);
    sensorOnCopiedReply = sensor(onCopiedReply);
    baselineContext = Pi4jContexts.mock();
    baselineSpi =
        (MockSpi)
            baselineContext.create(
                Spi.newConfigBuilder(baselineContext)
                    .id("baseline")
                    .bus(0)
                    .chipSelect(SpiChipSelect.CS_0)
                    .baud(1_000_000)
                    .provider("mock-spi")
                    .build());
  }

  private static Sensor sensor(Adc adc) {
    return new Sensor(
        "Plant", adc, 0, SAMPLES, PowerSwitch.ALWAYS_ON, Duration.ZERO, Sleeper.SYSTEM);
  }

  @TearDown
  public void close() {
    hardware.close();
    baselineContext.shutdown();
  }

  @Benchmark
  public int conversionOnMockSpi() throws IOException {
    return onMockSpi.read(0);
  }

  @Benchmark
  public int conversionOwnCode() throws IOException {
    return onCopiedReply.read(0);
  }

  @Benchmark
  public int readingOf9OnMockSpi() throws IOException, InterruptedException {
    return sensorOnMockSpi.read();
  }

  @Benchmark
  public int readingOf9OwnCode() throws IOException, InterruptedException {
    return sensorOnCopiedReply.read();
  }

  @Benchmark
  public byte[] pi4jMockSpiAlone() {
    baselineSpi.write(REPLY, 0, REPLY.length);
    baselineSpi.transfer(COMMAND, 0, baselineRx, 0, COMMAND.length);
    baselineSpi.readEntireMockBuffer();
    return baselineRx;
  }
}
