/**
 * The WebSocket API ({@code /v0/ws}): {@link re.blot.client.socket.BlotreSocket} sends requests
 * whose replies are matched by correlation number, keeps stream and collection subscriptions across
 * reconnects, and delivers {@link re.blot.client.socket.SocketEvent}s to a {@link
 * re.blot.client.socket.SocketListener}.
 */
package re.blot.client.socket;
