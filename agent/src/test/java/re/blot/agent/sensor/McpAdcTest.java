package re.blot.agent.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ADC codecs against Pi4J's mock SPI with scripted reply bytes. */
class McpAdcTest {
  private final Context pi4j = Pi4jContexts.mock();
  private final MockSpi spi =
      (MockSpi)
          pi4j.create(
              Spi.newConfigBuilder(pi4j)
                  .id("adc")
                  .bus(0)
                  .chipSelect(com.pi4j.io.spi.SpiChipSelect.CS_0)
                  .provider(Pi4jContexts.MOCK_SPI)
                  .build());
  private final SpiTransport transport = (tx, rx) -> spi.transfer(tx, 0, rx, 0, tx.length);

  @AfterEach
  void shutdown() {
    pi4j.shutdown();
  }

  @ParameterizedTest
  @CsvSource({
    "MCP3008, 0, 01 80 00",
    "MCP3008, 1, 01 90 00",
    "MCP3008, 2, 01 a0 00",
    "MCP3008, 3, 01 b0 00",
    "MCP3008, 4, 01 c0 00",
    "MCP3008, 5, 01 d0 00",
    "MCP3008, 6, 01 e0 00",
    "MCP3008, 7, 01 f0 00",
    "MCP3208, 0, 06 00 00",
    "MCP3208, 1, 06 40 00",
    "MCP3208, 2, 06 80 00",
    "MCP3208, 3, 06 c0 00",
    "MCP3208, 4, 07 00 00",
    "MCP3208, 5, 07 40 00",
    "MCP3208, 6, 07 80 00",
    "MCP3208, 7, 07 c0 00"
  })
  void sendsTheDatasheetCommandForEachChannel(AdcChip chip, int channel, String frame)
      throws Exception {
    chip.open(transport).read(channel);

    assertThat(hex(spi.readEntireMockBuffer())).isEqualTo(frame);
  }

  @ParameterizedTest
  @CsvSource({
    // The bits the chip leaves high impedance (above the null bit) are ignored.
    "00 00 00, 0",
    "00 03 ff, 1023",
    "00 02 00, 512",
    "ff f9 a5, 421",
    "00 01 90, 400"
  })
  void mcp3008DecodesTenBits(String reply, int expected) throws Exception {
    queue(reply);

    assertThat(new Mcp3008(transport).read(0)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"00 00 00, 0", "00 0f ff, 4095", "00 08 00, 2048", "ff ef 0a, 3850"})
  void mcp3208DecodesTwelveBits(String reply, int expected) throws Exception {
    queue(reply);

    assertThat(new Mcp3208(transport).read(5)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff ff ff", "00 04 00", "00 07 ff"})
  void mcp3008RejectsAFrameWithTheNullBitSet(String reply) {
    queue(reply);

    assertThatThrownBy(() -> new Mcp3008(transport).read(3))
        .isInstanceOf(InvalidFrameException.class)
        .hasMessageContaining("MCP3008 channel 3 replied " + reply)
        .hasMessageContaining("null bit set");
  }

  @Test
  void mcp3208RejectsAFrameWithTheNullBitSet() {
    queue("00 1f ff");

    assertThatThrownBy(() -> new Mcp3208(transport).read(0))
        .isInstanceOf(InvalidFrameException.class)
        .hasMessageContaining("MISO");
  }

  @Test
  void replyFramesOfTheSimulationDecodeToTheirValue() throws Exception {
    for (AdcChip chip : List.of(AdcChip.MCP3008, AdcChip.MCP3208)) {
      for (int value : new int[] {0, 1, 400, chip.maxValue()}) {
        byte[] reply = chip.replyFrame(value);
        spi.write(reply, 0, reply.length);

        assertThat(chip.open(transport).read(2)).isEqualTo(value);
        spi.readEntireMockBuffer();
      }
    }
  }

  @Test
  void rejectsAChannelTheChipDoesNotHave() {
    assertThatThrownBy(() -> new Mcp3008(transport).read(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MCP3008 has channels 0-7, not 8");
  }

  private void queue(String hex) {
    byte[] bytes = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
    spi.write(bytes, 0, bytes.length);
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.ofDelimiter(" ").formatHex(bytes);
  }
}
