/**
 * The wire: building requests (JSON, form or no body), sending them, and decoding replies into
 * values or typed exceptions. Every endpoint of {@link re.blot.client.Blotre} goes through {@link
 * re.blot.client.http.HttpCaller} and {@link re.blot.client.http.Replies}; this package is an
 * implementation detail of the client.
 */
package re.blot.client.http;
