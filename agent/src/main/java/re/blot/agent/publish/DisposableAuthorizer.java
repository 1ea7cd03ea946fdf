package re.blot.agent.publish;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import re.blot.client.Blotre;
import re.blot.client.disposable.AuthorizationCancelledException;
import re.blot.client.disposable.AuthorizationPrompt;
import re.blot.client.disposable.CredentialFileException;
import re.blot.client.disposable.CredentialStore;
import re.blot.client.disposable.CredentialsFile;
import re.blot.client.disposable.DisposableApp;
import re.blot.client.model.Creds;

/**
 * Authorizes the agent as a disposable app whose user channel is the given {@link
 * AuthorizationChannel}, once a {@link ServerProbe} found the server; credentials the server no
 * longer accepts are moved aside in the app's credentials file.
 */
public final class DisposableAuthorizer implements Authorizer {
  private static final Logger log = LoggerFactory.getLogger(DisposableAuthorizer.class);

  private final DisposableApp app;
  private final AuthorizationChannel channel;
  private final Clock clock;
  private final ServerProbe probe;

  /**
   * @param app an app built with {@code channel} as its user channel
   * @param probe asks the app's server before each authorization
   */
  public DisposableAuthorizer(
      DisposableApp app, AuthorizationChannel channel, Clock clock, ServerProbe probe) {
    this.app = app;
    this.channel = channel;
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * The authorizer of an agent with no server configured: every authorization fails, saying how to
   * configure one, so that the agent keeps reading and logs this once as an outage.
   */
  public static Authorizer noServer() {
    return () -> {
      throw new ServerUnreachableException(
          "no server",
          "none is configured; run `sudo blotre-agent setup --server URL` (or set url in [server]"
              + " of the config file), then `sudo systemctl restart blotre-agent`");
    };
  }

  /**
   * {@inheritDoc}
   *
   * @throws ServerUnreachableException when the server does not answer the API: a wrong or dead URL
   *     is then one outage with its cause, not registration retries that never say why
   */
  @Override
  public Blotre authorize() throws InterruptedException {
    probe.check();
    try {
      return app.authorize();
    } catch (AuthorizationCancelledException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException(e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public void lost(Blotre refused, String aside, String why) {
    channel.lostBecause(why);
    Creds creds = refused.getCreds();
    CredentialStore store = CredentialStore.at(app.credentialsFile(), clock);
    try {
      // Only if the file still holds the refused token: another process may have authorized anew,
      // or the client has moved it aside already.
      boolean stillThere =
          creds != null
              && store
                  .load()
                  .flatMap(CredentialsFile::creds)
                  .map(saved -> saved.accessToken().equals(creds.accessToken()))
                  .orElse(false);
      if (stillThere) {
        store.moveAside(aside); // It logs where to.
      }
    } catch (CredentialFileException e) {
      // authorize() meets the same problem and reports it.
      log.debug("Cannot set the refused credentials aside", e);
    }
  }

  @Override
  public void beforePush() {
    app.saveUnsaved();
  }

  @Override
  public Optional<AuthorizationPrompt> pendingCode() {
    return channel.pending();
  }

  @Override
  public void onPendingCodeChange(Runnable listener) {
    channel.onChange(listener);
  }
}
