package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Plays a user's browser on the emulator's pages (contract §2.2, §3.2): opens a page, fills in its
 * form and submits it with the page's hidden fields, as a person pressing the buttons would. The
 * last redirect is not followed; its Location is what an app gets to see.
 */
final class Browser {
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().followRedirects(false).build();
  private static final Pattern FORM_ACTION = Pattern.compile("<form [^>]*action=\"([^\"]*)\"");
  private static final Pattern HIDDEN_FIELD =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

  private Browser() {}

  /**
   * Opens an authorization url and presses Allow as {@code userName}.
   *
   * @return the redirect to the app, carrying {@code code} and {@code state}
   */
  static HttpUrl allow(String authorizationUrl, String userName) {
    Page consent = open(HttpUrl.get(authorizationUrl));
    return consent.submit(Map.of("user", userName, "action", "allow")).redirect();
  }

  /**
   * Opens the redeem page, enters the one-time code as {@code userName}, and presses Allow on the
   * consent page that follows.
   *
   * @return where the browser is sent at the end
   */
  static HttpUrl redeem(String redeemUrl, String code, String userName) {
    Page consent =
        open(HttpUrl.get(redeemUrl)).submit(Map.of("code", code, "user", userName)).page();
    return consent.submit(Map.of("user", userName, "action", "allow")).redirect();
  }

  private static Page open(HttpUrl url) {
    return fetch(new Request.Builder().url(url).build()).page();
  }

  private static Answer fetch(Request request) {
    try (Response response = HTTP.newCall(request).execute()) {
      return new Answer(
          request.url(), response.code(), response.header("Location"), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException("Browser request to " + request.url() + " failed", e);
    }
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** A page on screen. */
  private record Page(HttpUrl url, String html) {
    /** Posts the page's form: its hidden fields and what the user filled in. */
    Answer submit(Map<String, String> filledIn) {
      Matcher action = FORM_ACTION.matcher(html);
      assertThat(action.find()).as("a form on %s", url).isTrue();
      FormBody.Builder form = new FormBody.Builder();
      Matcher hidden = HIDDEN_FIELD.matcher(html);
      while (hidden.find()) {
        form.add(unescape(hidden.group(1)), unescape(hidden.group(2)));
      }
      filledIn.forEach(form::add);
      HttpUrl target = url.resolve(unescape(action.group(1)));
      return fetch(new Request.Builder().url(target).post(form.build()).build());
    }
  }

  /** What the server answered a request of the browser. */
  private record Answer(HttpUrl url, int status, String location, String body) {
    Page page() {
      assertThat(status).as("status of %s", url).isEqualTo(200);
      return new Page(url, body);
    }

    HttpUrl redirect() {
      assertThat(status).as("status of %s", url).isEqualTo(303);
      return url.resolve(location);
    }
  }
}
