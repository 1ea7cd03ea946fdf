package re.blot.client.disposable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import re.blot.client.Blotre;
import re.blot.client.BlotreException;

/**
 * The other process of {@link SharedFileRefreshTest}: {@code BASE_URL FILE} authorizes from the
 * credentials file (failing if it would have to ask a user), prints {@code ready}, then for each
 * line {@code push COLOR} on stdin sets its root stream's status and prints {@code pushed COLOR} or
 * {@code failed MESSAGE}.
 */
final class AppChild {
  private AppChild() {}

  public static void main(String[] args) throws IOException {
    Blotre blotre =
        DisposableApp.builder("Plant're", "Blot're you a plant.")
            .baseUrl(args[0])
            .credentialsFile(Path.of(args[1]))
            .userChannel(
                new UserChannel() {
                  @Override
                  public void showCode(AuthorizationPrompt prompt, Runnable checkNow) {
                    System.out.println("failed: asked for a new authorization");
                    System.out.flush();
                    System.exit(3);
                  }

                  @Override
                  public void authorized(String userName) {}
                })
            .build()
            .authorize();
    System.out.println("ready");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String color = line.substring("push ".length());
      try {
        blotre.setStreamStatus(blotre.getCreds().user().rootStream(), color);
        System.out.println("pushed " + color);
      } catch (BlotreException e) {
        System.out.println("failed " + e.getMessage());
      }
      System.out.flush();
    }
  }
}
