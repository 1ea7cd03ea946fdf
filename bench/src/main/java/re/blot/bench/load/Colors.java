package re.blot.bench.load;

/**
 * Distinct {@code #rrggbb} colors, so every push changes the status and every event is traceable.
 */
final class Colors {
  private Colors() {}

  /**
   * The {@code sequence}-th color of agent {@code agent}; distinct for 2^24 values of both mixed.
   */
  static String of(int agent, int sequence) {
    int rgb = (agent * 7919 + sequence * 104729) & 0xFFFFFF;
    return String.format("#%06x", rgb);
  }
}
