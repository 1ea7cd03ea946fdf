package re.blot.client.internal;

import com.squareup.moshi.JsonAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import re.blot.client.TokenEndpointException;
import re.blot.client.model.ClientInfo;
import re.blot.client.model.Creds;

/** The grants of {@code POST /v0/oauth2/access_token}, each a form-encoded request. Thread-safe. */
public final class TokenEndpoint {
  /** The grant type of disposable clients' one-time codes. */
  public static final String ONETIME_CODE_GRANT = "https://oauth2grant.blot.re/onetime_code";

  private static final JsonAdapter<Creds> CREDS = Json.adapter(Creds.class);

  private final HttpCaller http;
  private final HttpUrl url;
  private final ClientInfo client;

  /**
   * Creates the token endpoint of a server for one client.
   *
   * @param http the caller to send through
   * @param baseUrl the server's base url
   * @param client the client's id and secret
   */
  public TokenEndpoint(HttpCaller http, HttpUrl baseUrl, ClientInfo client) {
    this.http = http;
    this.url = baseUrl.newBuilder().addPathSegments("v0/oauth2/access_token").build();
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Exchanges an authorization code (grant {@code authorization_code}).
   *
   * @param code the code from the redirect
   * @return the new credentials
   * @throws TokenEndpointException if the server refused the grant
   */
  public Creds redeemAuthorizationCode(String code) {
    Map<String, String> form = form("authorization_code");
    form.put("code", code);
    form.put("redirect_uri", client.redirectUri() == null ? "" : client.redirectUri());
    return grant(form);
  }

  /**
   * Exchanges a refresh token for new credentials (grant {@code refresh_token}).
   *
   * @param refreshToken the current refresh token
   * @return the new credentials (the old tokens stop working)
   * @throws TokenEndpointException if the server refused the grant
   */
  public Creds refresh(String refreshToken) {
    Map<String, String> form = form("refresh_token");
    form.put("refresh_token", refreshToken);
    return grant(form);
  }

  /**
   * Exchanges a disposable client's one-time code (grant {@value #ONETIME_CODE_GRANT}).
   *
   * @param code the one-time code the user redeemed
   * @return the new credentials
   * @throws TokenEndpointException if the server refused the grant ({@code invalid_grant} while the
   *     user has not redeemed the code yet)
   */
  public Creds redeemOnetimeCode(String code) {
    Map<String, String> form = form(ONETIME_CODE_GRANT);
    form.put("code", code);
    return grant(form);
  }

  private Map<String, String> form(String grantType) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", grantType);
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    return form;
  }

  private Creds grant(Map<String, String> form) {
    return Replies.tokenValue(
        http.send(HttpCaller.request("POST", url, Bodies.form(form))),
        CREDS,
        form.get("grant_type"));
  }
}
