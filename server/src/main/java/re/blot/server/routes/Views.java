package re.blot.server.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import re.blot.server.store.StatusRecord;
import re.blot.server.store.StreamRecord;
import re.blot.server.store.TokenGrant;
import re.blot.server.store.UserRecord;

/** The JSON shapes of contract §1.1 and §2.2, with their documented key order. */
public final class Views {
  private Views() {}

  public static Map<String, Object> stream(StreamRecord s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("name", s.name());
    json.put("uri", s.uri());
    json.put("created", s.created());
    json.put("updated", s.updated());
    json.put("status", status(s.status()));
    json.put("owner", s.owner());
    json.put("tags", tags(s.tags()));
    return json;
  }

  public static List<Map<String, Object>> streams(List<StreamRecord> streams) {
    return streams.stream().map(Views::stream).toList();
  }

  public static Map<String, Object> status(StatusRecord s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("color", s.color());
    json.put("created", s.created());
    json.put("poster", s.poster());
    return json;
  }

  public static Map<String, Object> tag(String tag) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tag", tag);
    return json;
  }

  public static List<Map<String, Object>> tags(List<String> tags) {
    return tags.stream().map(Views::tag).toList();
  }

  /** A user; null stays null (the token endpoints write {@code "user": null}). */
  public static Map<String, Object> user(UserRecord u) {
    if (u == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", u.id());
    json.put("userName", u.userName());
    json.put("rootStream", u.rootStream());
    return json;
  }

  public static Map<String, Object> tokenResponse(TokenGrant grant) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("access_token", grant.accessToken());
    json.put("token_type", "bearer");
    json.put("expires_in", grant.expiresIn());
    json.put("refresh_token", grant.refreshToken());
    json.put("user", user(grant.user()));
    return json;
  }
}
