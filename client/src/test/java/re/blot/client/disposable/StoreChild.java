package re.blot.client.disposable;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The other process in the cross-process tests. {@code increment PATH N} increments the counter N
 * times and prints {@code done}; {@code rewrite PATH} increments it forever, printing {@code wrote
 * K} after each write is complete, until it is killed; {@code stop-at PATH STEP} increments it
 * once, but prints {@code at STEP} and waits to be killed when the write reaches {@link
 * CredentialStore.WriteStep STEP}.
 */
final class StoreChild {
  private StoreChild() {}

  public static void main(String[] args) {
    CredentialStore store = CredentialStore.at(Path.of(args[1]));
    switch (args[0]) {
      case "increment" -> {
        for (int i = Integer.parseInt(args[2]); i > 0; i--) {
          store.update(Counter::increment);
        }
        System.out.println("done");
        System.out.flush();
      }
      case "rewrite" -> {
        while (true) {
          long written = Counter.value(store.update(Counter::increment));
          System.out.println("wrote " + written);
          System.out.flush();
        }
      }
      case "stop-at" -> {
        CredentialStore.WriteStep stopAt = CredentialStore.WriteStep.valueOf(args[2]);
        new CredentialStore(
                Path.of(args[1]),
                Clock.systemUTC(),
                step -> {
                  if (step == stopAt) {
                    System.out.println("at " + step);
                    System.out.flush();
                    waitToBeKilled();
                  }
                })
            .update(Counter::increment);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void waitToBeKilled() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      throw new AssertionError("only a kill should end this wait", e);
    }
  }
}
