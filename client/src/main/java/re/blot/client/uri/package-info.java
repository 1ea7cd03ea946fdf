/**
 * Stream uris in the server's canonical form. Pure functions; {@link re.blot.client.Blotre} exposes
 * them as {@code normalizeUri} and {@code joinUri}.
 */
package re.blot.client.uri;
