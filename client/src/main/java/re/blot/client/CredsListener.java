package re.blot.client;

import re.blot.client.model.Creds;

/**
 * Told whenever a client's credentials change: after a grant, after a refresh (tokens rotate, so
 * the new ones must be stored), and after {@link Blotre#setCreds(Creds)}.
 */
@FunctionalInterface
public interface CredsListener {
  /**
   * Called once per change, on the thread that caused it.
   *
   * @param newCreds the credentials now in use, or null if they were cleared
   */
  void credsChanged(Creds newCreds);
}
