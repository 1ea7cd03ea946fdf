package re.blot.client.disposable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the app told the user. */
final class RecordingChannel implements UserChannel {
  final List<AuthorizationPrompt> prompts = new CopyOnWriteArrayList<>();
  final List<String> authorizedBy = new CopyOnWriteArrayList<>();

  @Override
  public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
    prompts.add(prompt);
  }

  @Override
  public void authorized(String userName) {
    authorizedBy.add(userName);
  }

  AuthorizationPrompt last() {
    return prompts.get(prompts.size() - 1);
  }
}
