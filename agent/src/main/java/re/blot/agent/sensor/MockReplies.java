package re.blot.agent.sensor;

/** What a simulated chip answers on the mock SPI bus to one command frame. */
@FunctionalInterface
public interface MockReplies {
  /** The reply bytes for {@code command}, as many as the command has. */
  byte[] reply(AdcChip chip, byte[] command);
}
