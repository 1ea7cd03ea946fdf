package re.blot.client.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import re.blot.client.Blotre;
import re.blot.emulator.Emulator;

/**
 * One running emulator per test class, with the users {@code demo} and {@code alice}, and clients
 * pointed at it. Register it as a static field with {@code @RegisterExtension}.
 *
 * <p>Time stands still at {@link #NOW} on both sides, so times and lifetimes are exact; tests make
 * time pass only through the emulator's control methods ({@code ageTokens}, {@code expireAccessTokens}).
 */
final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Emulator emulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = Emulator.builder().port(0).user("demo").user("alice").clock(clock).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }

    Emulator emulator() {
        return emulator;
    }

    /** A client configuration for the emulator, without client info or credentials. */
    Blotre.Builder config() {
        return Blotre.builder().baseUrl(emulator.baseUrl()).clock(clock);
    }

    /** A client without credentials, as an app that only reads. */
    Blotre anonymous() {
        return config().build();
    }

    /**
     * A client authorized as {@code userName} the way Plant're gets there: a new disposable client
     * whose one-time code that user redeemed.
     */
    Blotre authorizedAs(String userName) {
        Blotre app = Blotre.createDisposable(config(), "Integration test", "Run by the client's tests.");
        emulator.redeem(app.getDisposableClient().code(), userName);
        app.redeemOnetimeCode();
        return app;
    }
}
