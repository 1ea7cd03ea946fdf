package re.blot.client.disposable;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a credentials file, in the layout the Python client ({@code blotre} 0.0.4) writes,
 * so that an existing {@code Plant're.client_data.json} works as it is:
 *
 * <pre>{@code
 * {
 *   "client": {"client_id": "...", "client_secret": "...", "code": "...", "code_expires_at": 1764319500000},
 *   "creds": {"access_token": "...", "token_type": "bearer", "expires_in": 7200, "refresh_token": "...",
 *             "user": {"id": "...", "userName": "...", "rootStream": "..."}, "obtained_at": 1764312300000},
 *   "config": {"protocol": "https", "host": "blot.re"}
 * }
 * }</pre>
 *
 * <p>Two fields are this library's own: {@code client.code_expires_at} and {@code
 * creds.obtained_at} (epoch milliseconds, like every Blot're time). They sit inside the object they
 * describe, so the Python client, which ignores unknown keys and replaces the whole {@code creds}
 * object when it refreshes, can never leave a stale timestamp next to a newer token. Both are
 * optional when reading. {@code creds} may be an empty object: the Python client writes {@code {}}
 * before the user has redeemed the code.
 *
 * <p>Every other field, known or not, is kept as read (including its position and the spelling of
 * numbers) when a changed copy is written back. Instances are immutable; the {@code with...}
 * methods return changed copies. {@link #toString()} never shows secrets, tokens or the code.
 */
public final class CredentialsFile {
  private static final String CLIENT = "client";
  private static final String CREDS = "creds";
  private static final String CONFIG = "config";
  private static final String USER = "user";

  private final Map<String, Object> root;
  private final StoredClient client;
  private final StoredCreds creds;
  private final String baseUrl;

  private CredentialsFile(Map<String, Object> root, Layout layout) {
    this.root = root;
    this.client = readClient(layout, root);
    this.creds = readCreds(layout, root);
    this.baseUrl = readBaseUrl(layout, root);
  }

  /**
   * Returns a new file holding {@code client}, no credentials yet ({@code "creds": {}}, as the
   * Python client writes it) and no {@code config}.
   *
   * @param client the registered disposable client
   * @return the new content
   */
  public static CredentialsFile of(StoredClient client) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(CLIENT, clientObject(new LinkedHashMap<>(), client));
    root.put(CREDS, new LinkedHashMap<>());
    return new CredentialsFile(root, Layout.TRUSTED);
  }

  /**
   * Parses the bytes of the file at {@code file}; every problem is reported against that path.
   *
   * @throws CredentialFileException if the bytes are empty, not JSON, or not in the layout
   */
  static CredentialsFile parse(byte[] json, Path file) {
    if (json.length == 0) {
      throw new CredentialFileException(file, "is empty (0 bytes)", null);
    }
    Object tree;
    try {
      tree = JsonTree.read(json);
    } catch (JsonTree.MalformedException e) {
      throw new CredentialFileException(file, e.getMessage(), e);
    } catch (RuntimeException e) {
      // Moshi's own limits, e.g. "Nesting too deep at $.x.x...": its messages never quote content.
      throw new CredentialFileException(file, "is not valid JSON (" + e.getMessage() + ")", e);
    }
    Layout layout = new Layout(file);
    return new CredentialsFile(layout.object(tree, "the top level", false), layout);
  }

  /** Returns this content as the file's bytes: indented UTF-8 JSON ending with a newline. */
  byte[] toJson() {
    return JsonTree.write(root);
  }

  /**
   * Returns the disposable client: {@code client.client_id}, {@code client_secret}, {@code code}.
   *
   * @return the client
   */
  public StoredClient client() {
    return client;
  }

  /**
   * Returns the last token response, or empty when {@code creds} is missing, null or {@code {}}
   * (registered but not yet redeemed).
   *
   * @return the credentials
   */
  public Optional<StoredCreds> creds() {
    return Optional.ofNullable(creds);
  }

  /**
   * Returns the server this file belongs to, {@code config.protocol + "://" + config.host}, e.g.
   * {@code https://blot.re}, or empty when the file has no {@code config} (the Python client then
   * used its default server, {@code https://blot.re}).
   *
   * @return the base URL, without a trailing slash
   */
  public Optional<String> baseUrl() {
    return Optional.ofNullable(baseUrl);
  }

  /**
   * Returns a copy holding {@code client}; other fields of the {@code client} object are kept. When
   * the client changes, its old credentials mean nothing: combine with {@link #withoutCreds()}.
   *
   * @param client the disposable client
   * @return the changed copy
   */
  public CredentialsFile withClient(StoredClient client) {
    Map<String, Object> next = new LinkedHashMap<>(root);
    next.put(CLIENT, clientObject(objectOrNew(root.get(CLIENT)), client));
    return new CredentialsFile(next, Layout.TRUSTED);
  }

  /**
   * Returns a copy holding {@code creds}. Fields of the {@code creds} and {@code user} objects that
   * this library does not know are kept.
   *
   * @param creds the new token response
   * @return the changed copy
   */
  public CredentialsFile withCreds(StoredCreds creds) {
    Map<String, Object> object = objectOrNew(root.get(CREDS));
    object.put("access_token", creds.accessToken());
    object.put("token_type", creds.tokenType());
    object.put("expires_in", JsonTree.Literal.of(creds.expiresIn()));
    putOrRemove(object, "refresh_token", creds.refreshToken());
    StoredUser user = creds.user();
    if (user == null) {
      object.put(USER, null);
    } else {
      Map<String, Object> userObject = objectOrNew(object.get(USER));
      userObject.put("id", user.id());
      userObject.put("userName", user.userName());
      userObject.put("rootStream", user.rootStream());
      object.put(USER, userObject);
    }
    putOrRemove(object, "obtained_at", epochMillis(creds.obtainedAt()));
    Map<String, Object> next = new LinkedHashMap<>(root);
    next.put(CREDS, object);
    return new CredentialsFile(next, Layout.TRUSTED);
  }

  /**
   * Returns a copy whose {@code creds} is the empty object, as after a new registration.
   *
   * @return the changed copy
   */
  public CredentialsFile withoutCreds() {
    Map<String, Object> next = new LinkedHashMap<>(root);
    next.put(CREDS, new LinkedHashMap<>());
    return new CredentialsFile(next, Layout.TRUSTED);
  }

  /**
   * Returns a copy whose {@code config} names the server at {@code baseUrl}; other {@code config}
   * fields are kept.
   *
   * @param baseUrl an {@code http} or {@code https} URL with a host, an optional port and no path,
   *     query or user info, e.g. {@code http://127.0.0.1:41234}
   * @return the changed copy
   * @throws IllegalArgumentException if {@code baseUrl} cannot be written as protocol and host
   */
  public CredentialsFile withBaseUrl(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + baseUrl, e);
    }
    String scheme = uri.getScheme();
    boolean pathless =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
    if (!("http".equals(scheme) || "https".equals(scheme))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !pathless
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "base URL must be http(s)://host[:port] with nothing after it, was: " + baseUrl);
    }
    Map<String, Object> config = objectOrNew(root.get(CONFIG));
    config.put("protocol", scheme);
    config.put("host", uri.getRawAuthority());
    Map<String, Object> next = new LinkedHashMap<>(root);
    next.put(CONFIG, config);
    return new CredentialsFile(next, Layout.TRUSTED);
  }

  /**
   * Two files are equal when their JSON documents are equal, ignoring the order of fields.
   *
   * @param other the object to compare with
   * @return whether {@code other} is a file with the same content
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof CredentialsFile that && root.equals(that.root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "CredentialsFile{client=" + client + ", creds=" + creds + ", baseUrl=" + baseUrl + "}";
  }

  private static Map<String, Object> clientObject(Map<String, Object> object, StoredClient client) {
    object.put("client_id", client.clientId());
    object.put("client_secret", client.clientSecret());
    putOrRemove(object, "code", client.code());
    putOrRemove(object, "code_expires_at", epochMillis(client.codeExpiresAt()));
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> objectOrNew(Object value) {
    return value instanceof Map<?, ?> map
        ? new LinkedHashMap<>((Map<String, Object>) map)
        : new LinkedHashMap<>();
  }

  private static void putOrRemove(Map<String, Object> object, String key, Object value) {
    if (value == null) {
      object.remove(key);
    } else {
      object.put(key, value);
    }
  }

  private static JsonTree.Literal epochMillis(Instant instant) {
    return instant == null ? null : JsonTree.Literal.of(instant.toEpochMilli());
  }

  private static StoredClient readClient(Layout layout, Map<String, Object> root) {
    Map<String, Object> object = layout.object(root.get(CLIENT), "\"client\"", false);
    return new StoredClient(
        layout.string(object, "client", "client_id", false),
        layout.string(object, "client", "client_secret", false),
        layout.string(object, "client", "code", true),
        layout.instant(object, "client", "code_expires_at"));
  }

  private static StoredCreds readCreds(Layout layout, Map<String, Object> root) {
    Map<String, Object> object = layout.object(root.get(CREDS), "\"creds\"", true);
    if (object == null || object.isEmpty()) {
      return null;
    }
    StoredCreds creds = readCredsObject(layout, object);
    try {
      creds.expiresAt();
    } catch (ArithmeticException | DateTimeException e) {
      throw layout.wrong(
          "\"creds.expires_in\" is too large a lifetime ("
              + creds.expiresIn()
              + " s after \"creds.obtained_at\")");
    }
    return creds;
  }

  private static StoredCreds readCredsObject(Layout layout, Map<String, Object> object) {
    Map<String, Object> user = layout.object(object.get(USER), "\"creds.user\"", true);
    return new StoredCreds(
        layout.string(object, "creds", "access_token", false),
        layout.string(object, "creds", "token_type", false),
        layout.wholeNumber(object, "creds", "expires_in", false),
        layout.string(object, "creds", "refresh_token", true),
        user == null
            ? null
            : new StoredUser(
                layout.string(user, "creds.user", "id", false),
                layout.string(user, "creds.user", "userName", false),
                layout.string(user, "creds.user", "rootStream", false)),
        layout.instant(object, "creds", "obtained_at"));
  }

  private static String readBaseUrl(Layout layout, Map<String, Object> root) {
    Map<String, Object> config = layout.object(root.get(CONFIG), "\"config\"", true);
    if (config == null) {
      return null;
    }
    String protocol = layout.string(config, "config", "protocol", true);
    String host = layout.string(config, "config", "host", true);
    return protocol == null || host == null ? null : protocol + "://" + host;
  }

  /**
   * Checks the types of the fields read from a file, and names the file and field when one is
   * wrong.
   */
  private static final class Layout {
    /** For content built by this class, whose shape is right by construction. */
    static final Layout TRUSTED = new Layout(Path.of("(in memory)"));

    private final Path file;

    Layout(Path file) {
      this.file = file;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object value, String where, boolean optional) {
      if (value instanceof Map<?, ?> map) {
        return (Map<String, Object>) map;
      }
      if (value == null && optional) {
        return null;
      }
      throw wrong(
          where
              + " must be an object, but "
              + (value == null ? "is missing" : "is " + describe(value)));
    }

    String string(Map<String, Object> object, String where, String key, boolean optional) {
      Object value = object.get(key);
      if (value instanceof String string) {
        return string;
      }
      if (value == null && optional) {
        return null;
      }
      throw wrong(field(where, key, value, "a string"));
    }

    Long wholeNumber(Map<String, Object> object, String where, String key, boolean optional) {
      Object value = object.get(key);
      if (value instanceof JsonTree.Literal number) {
        try {
          return number.toBigDecimal().longValueExact();
        } catch (ArithmeticException e) {
          throw wrong("\"" + where + "." + key + "\" must be a whole number, but is " + number);
        }
      }
      if (value == null && optional) {
        return null;
      }
      throw wrong(field(where, key, value, "a number"));
    }

    Instant instant(Map<String, Object> object, String where, String key) {
      Long millis = wholeNumber(object, where, key, true);
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static String field(String where, String key, Object value, String expected) {
      return "\""
          + where
          + "."
          + key
          + "\" must be "
          + expected
          + ", but "
          + (value == null ? "is missing or null" : "is " + describe(value));
    }

    private static String describe(Object value) {
      if (value instanceof Map) {
        return "an object";
      } else if (value instanceof List) {
        return "an array";
      } else if (value instanceof String) {
        return "a string";
      } else if (value instanceof JsonTree.Literal) {
        return "a number";
      } else {
        return "a boolean";
      }
    }

    CredentialFileException wrong(String problem) {
      return new CredentialFileException(
          file, "is not a Blot're credentials file: " + problem, null);
    }
  }
}
