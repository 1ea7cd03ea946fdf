/**
 * The Java client for the Blot're REST, OAuth2 and WebSocket API. Only the API is exported: the
 * facade, its values and exceptions ({@code re.blot.client}), the model, the socket and the
 * disposable app. {@code re.blot.client.internal} is the machinery behind them.
 */
module re.blot.client {
  requires transitive okhttp3;
  // The model records carry Moshi's @Json annotations.
  requires transitive com.squareup.moshi;
  requires okio;
  requires org.slf4j;

  exports re.blot.client;
  exports re.blot.client.model;
  exports re.blot.client.socket;
  exports re.blot.client.disposable;
}
