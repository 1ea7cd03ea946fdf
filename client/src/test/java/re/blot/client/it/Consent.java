package re.blot.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Plays the user's browser in the authorization-code flow: opens the authorization url, then
 * submits the emulator's consent form ({@code POST /v0/oauth2/authorize}) as if the user picked a
 * name and pressed Allow, and returns where the server redirected the browser.
 */
final class Consent {
    // A browser would follow the 303 to the app's redirect uri; the test only wants its Location.
    private static final OkHttpClient BROWSER = new OkHttpClient.Builder().followRedirects(false).build();

    private Consent() {
    }

    /**
     * Allows the app as {@code userName}.
     *
     * @param authorizationUrl what {@code Blotre.getAuthorizationUrl} returned
     * @param userName one of the emulator's users
     * @return the redirect to the app, carrying {@code code} and {@code state}
     */
    static HttpUrl allow(String authorizationUrl, String userName) {
        HttpUrl page = HttpUrl.get(authorizationUrl);
        try (Response consentPage = send(new Request.Builder().url(page).build())) {
            assertThat(consentPage.code()).as("consent page for %s", page).isEqualTo(200);
        }
        // What the consent page's form posts: the flow's fields, with the state in the action's query.
        HttpUrl.Builder action = page.newBuilder().query(null);
        String state = page.queryParameter("state");
        if (state != null) {
            action.addQueryParameter("state", state);
        }
        FormBody form = new FormBody.Builder()
                .add("response_type", page.queryParameter("response_type"))
                .add("client_id", page.queryParameter("client_id"))
                .add("extra_data", page.queryParameter("redirect_uri"))
                .add("user", userName)
                .add("action", "allow")
                .build();
        try (Response allowed = send(new Request.Builder().url(action.build()).post(form).build())) {
            assertThat(allowed.code()).as("consent answer").isEqualTo(303);
            return HttpUrl.get(allowed.header("Location"));
        }
    }

    private static Response send(Request request) {
        try {
            return BROWSER.newCall(request).execute();
        } catch (IOException e) {
            throw new UncheckedIOException("Browser request " + request.url() + " failed", e);
        }
    }
}
