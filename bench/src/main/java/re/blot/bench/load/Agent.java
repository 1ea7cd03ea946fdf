package re.blot.bench.load;

/**
 * One simulated agent: an authorized app with its own stream, as {@code blotre-agent} has after
 * setup.
 */
record Agent(String accessToken, String streamId, String streamUri) {}
