/**
 * Immutable values of the Blot're API, as parsed from the server's JSON.
 *
 * <p>Times are {@link java.time.Instant}s (the wire carries epoch milliseconds), lifetimes are
 * seconds. Values that hold secrets ({@link re.blot.client.model.Creds}, {@link
 * re.blot.client.model.ClientInfo}, {@link re.blot.client.model.DisposableClient}) never show them
 * in {@code toString()}.
 */
package re.blot.client.model;
