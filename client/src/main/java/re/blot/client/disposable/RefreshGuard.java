package re.blot.client.disposable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.http.Json;
import re.blot.client.model.Creds;

/**
 * Keeps the credentials of an authorized disposable app and its file in step, for any number of
 * processes sharing the file. It runs every refresh grant inside {@link CredentialStore#update}, so
 * that:
 *
 * <ul>
 *   <li>the new tokens are in the file before the client sees (and uses) them;
 *   <li>two processes sharing the file never spend the same refresh token: refresh tokens rotate,
 *       and the second would get {@code invalid_grant}. If the file already holds a newer refresh
 *       token than the one about to be sent, another process has refreshed, and its tokens are
 *       answered instead, without a request;
 *   <li>a refresh token the server refuses ({@code invalid_grant}: revoked or expired; {@code
 *       invalid_client}: the server forgot the client) moves the file aside, so the next {@link
 *       DisposableApp#authorize()} registers anew.
 * </ul>
 *
 * <p>And when the server rejects an access token (401) that is no longer the one in the file,
 * another process has refreshed (which killed this process's tokens: one token pair per client and
 * user): the file's tokens are adopted and the request is sent again with them, once. A 401 means
 * the request was not carried out, so sending it again is safe.
 */
final class RefreshGuard implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RefreshGuard.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final String TOKEN_PATH = "/v0/oauth2/access_token";
  private static final String BEARER = "Bearer ";

  private final CredentialStore store;
  private final Function<Optional<CredentialsFile>, CredentialsFile> ours;
  private final Clock clock;
  private final Consumer<Creds> adopt;

  /**
   * @param store the app's credentials file
   * @param ours the file's content if it belongs to this app's client, else a new file for it
   *     without credentials (the file is gone, or another process registered anew)
   * @param clock the time the saved credentials were obtained
   * @param adopt makes credentials found in the file the client's own
   */
  RefreshGuard(
      CredentialStore store,
      Function<Optional<CredentialsFile>, CredentialsFile> ours,
      Clock clock,
      Consumer<Creds> adopt) {
    this.store = store;
    this.ours = ours;
    this.clock = clock;
    this.adopt = adopt;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String spent = refreshTokenOf(request);
    if (spent == null) {
      return adoptNewerTokens(chain, request, chain.proceed(request));
    }
    Response[] answer = new Response[1];
    try {
      store.update(
          current -> {
            CredentialsFile file = ours.apply(current);
            Optional<StoredCreds> saved = file.creds();
            if (saved.isPresent()
                && saved.get().refreshToken() != null
                && !saved.get().refreshToken().equals(spent)) {
              log.info(
                  "Credentials file {} already holds newer tokens (another process refreshed); using them",
                  store.path());
              answer[0] = tokenResponse(request, saved.get().toCreds());
              return file;
            }
            Response response = proceed(chain, request);
            answer[0] = response;
            if (response.code() != 200) {
              // Nothing to save; without a file, writing one now would only create an empty shell.
              return current.orElseThrow(NothingToSave::new);
            }
            String text = bodyText(response);
            answer[0] =
                response
                    .newBuilder()
                    .body(ResponseBody.create(text, response.body().contentType()))
                    .build();
            return file.withCreds(StoredCreds.of(read(text), clock.instant()));
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (NothingToSave e) {
      // The update was abandoned on purpose; answer[0] holds the server's reply.
    } catch (CredentialFileException e) {
      if (answer[0] == null || answer[0].code() != 200) {
        throw e;
      }
      // The server has rotated the tokens already: dropping the new ones would lock the app out
      // now,
      // keeping them only in memory locks it out at the next restart. The lesser harm, loudly.
      log.error(
          "Cannot save the refreshed tokens: {}; using them until this process stops, after which "
              + "the app must be authorized again unless the file can be written",
          e.getMessage());
    }
    return checkRefused(answer[0], spent);
  }

  /**
   * Sends {@code request} again with the file's tokens when they replaced the ones it was refused
   * with.
   */
  private Response adoptNewerTokens(Chain chain, Request request, Response response)
      throws IOException {
    String authorization = request.header("Authorization");
    if (response.code() != 401 || authorization == null || !authorization.startsWith(BEARER)) {
      return response;
    }
    Optional<StoredCreds> saved;
    try {
      saved = ours.apply(store.load()).creds();
    } catch (CredentialFileException e) {
      log.warn("Cannot look for newer tokens: {}", e.getMessage());
      return response;
    }
    String sent = authorization.substring(BEARER.length());
    if (saved.isEmpty() || saved.get().accessToken().equals(sent)) {
      return response;
    }
    log.info(
        "{} {} -> 401 with a token another process has replaced; using the tokens in {}",
        request.method(),
        request.url().encodedPath(),
        store.path());
    response.close();
    adopt.accept(saved.get().toCreds());
    return chain.proceed(
        request.newBuilder().header("Authorization", BEARER + saved.get().accessToken()).build());
  }

  /** Moves the file aside when the server refused the refresh token for good. */
  private Response checkRefused(Response response, String spent) throws IOException {
    if (response.code() != 400) {
      return response;
    }
    String text = bodyText(response);
    String error = errorCode(text);
    if ("invalid_grant".equals(error) || "invalid_client".equals(error)) {
      String why =
          "invalid_grant".equals(error)
              ? "the refresh token was revoked or has expired (invalid_grant)"
              : "the server no longer knows this client (invalid_client)";
      log.warn(
          "Blot're refused to refresh the tokens in {}: {}; the app must be authorized again",
          store.path(),
          why);
      // Only if the file still holds the refused token: another process may have authorized anew.
      boolean stillOurs =
          ours.apply(store.load())
              .creds()
              .map(saved -> spent.equals(saved.refreshToken()))
              .orElse(false);
      if (stillOurs) {
        store.moveAside("invalid_grant".equals(error) ? "revoked" : "unknown-client");
      }
    }
    return response
        .newBuilder()
        .body(ResponseBody.create(text, response.body().contentType()))
        .build();
  }

  /** Abandons an update that has nothing to write. */
  private static final class NothingToSave extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NothingToSave() {
      super(null, null, false, false);
    }
  }

  private static String errorCode(String text) {
    try {
      Map<String, Object> json = Json.objectAdapter().fromJson(text);
      return json != null && json.get("error") instanceof String code ? code : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Response proceed(Chain chain, Request request) {
    try {
      return chain.proceed(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String bodyText(Response response) {
    try (ResponseBody body = response.body()) {
      return body.string();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Creds read(String text) {
    try {
      Creds creds = Json.adapter(Creds.class).fromJson(text);
      if (creds == null || creds.accessToken() == null) {
        throw new IOException("token response without an access token");
      }
      return creds;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(
          new IOException("unreadable token response: " + e.getMessage(), e));
    }
  }

  private static Response tokenResponse(Request request, Creds creds) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create(Json.adapter(Creds.class).toJson(creds), JSON))
        .build();
  }

  /** Returns the refresh token a refresh grant sends, or null when {@code request} is not one. */
  private static String refreshTokenOf(Request request) throws IOException {
    if (!"POST".equals(request.method())
        || !request.url().encodedPath().endsWith(TOKEN_PATH)
        || request.body() == null) {
      return null;
    }
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    String grantType = null;
    String refreshToken = null;
    for (String pair : buffer.readUtf8().split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      if (name.equals("grant_type")) {
        grantType = value;
      } else if (name.equals("refresh_token")) {
        refreshToken = value;
      }
    }
    return "refresh_token".equals(grantType) ? refreshToken : null;
  }
}
