package re.blot.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import re.blot.server.accounts.Passwords;
import re.blot.server.storage.Database;
import re.blot.server.store.ApiFailure;
import re.blot.server.store.Lifetimes;
import re.blot.server.store.Storage;
import re.blot.server.store.Store;
import re.blot.server.store.UserRecord;

/**
 * {@code blotre-server user add|passwd|remove|list}: the administrator's accounts, written straight
 * to the server's database (also while the server runs). Exit status 0 done, 1 refused (no such
 * user, name taken, bad password), 2 bad arguments.
 */
final class UserCommand {
  /** Where a new password comes from: the terminal (asked twice) or standard input. */
  @FunctionalInterface
  interface PasswordSource {
    /** The password, or null when none was given. */
    char[] read(String userName) throws IOException;
  }

  private UserCommand() {}

  static PasswordSource passwordSource(Console console, InputStream stdin, PrintStream err) {
    if (console != null) {
      return name -> {
        char[] first = console.readPassword("Password for %s: ", name);
        char[] again = first == null ? null : console.readPassword("The same password again: ");
        if (first == null || again == null) {
          return null;
        }
        if (!Arrays.equals(first, again)) {
          err.println("blotre-server: the two passwords differ");
          return null;
        }
        return first;
      };
    }
    return name -> {
      String line =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.toCharArray();
    };
  }

  static int run(List<String> args, PasswordSource passwords, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).startsWith("--")) {
      return usage(err, "say what to do: add, passwd, remove or list");
    }
    String action = args.get(0);
    boolean named = List.of("add", "passwd", "remove").contains(action);
    if (!named && !action.equals("list")) {
      return usage(err, "unknown user command: " + action);
    }
    if (named && (args.size() < 2 || args.get(1).startsWith("--"))) {
      return usage(err, "user " + action + " needs a user name");
    }
    Main.Settings settings;
    try {
      settings = Main.parse(args.subList(named ? 2 : 1, args.size()));
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (settings == null) {
      out.println(Main.USAGE);
      return 0;
    }
    if (settings.inMemory()) {
      return usage(err, "user commands change a database; --in-memory has none");
    }
    String name = named ? args.get(1) : null;
    try (Storage storage = Database.open(settings.database(), false)) {
      Store store = new Store(Clock.systemUTC(), Lifetimes.DEFAULTS, storage);
      return switch (action) {
        case "add" ->
            withPassword(
                passwords, name, err, hash -> describe(store.createUser(name, hash), "Added", out));
        case "passwd" ->
            withPassword(
                passwords,
                name,
                err,
                hash -> describe(store.setPassword(name, hash), "New password for", out));
        case "remove" -> describe(store.removeUser(name), "Removed", out);
        default -> list(store, out);
      };
    } catch (Database.CannotOpenException e) {
      err.println("blotre-server: " + e.getMessage());
      return 1;
    } catch (ApiFailure e) {
      err.println("blotre-server: " + refusal(e, name));
      return 1;
    } catch (IOException e) {
      err.println("blotre-server: cannot read the password: " + e.getMessage());
      return 1;
    }
  }

  @FunctionalInterface
  private interface HashedAction {
    int run(String hash);
  }

  private static int withPassword(
      PasswordSource source, String name, PrintStream err, HashedAction action) throws IOException {
    char[] password = source.read(name);
    if (password == null) {
      err.println("blotre-server: no password given");
      return 1;
    }
    try {
      Optional<String> problem = Passwords.problem(password);
      if (problem.isPresent()) {
        err.println("blotre-server: " + problem.get());
        return 1;
      }
      return action.run(new Passwords(Passwords.DEFAULT_COST).hash(password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static int describe(UserRecord user, String what, PrintStream out) {
    out.println(what + " " + user.userName() + " (id " + user.id() + ")");
    return 0;
  }

  private static int list(Store store, PrintStream out) {
    for (UserRecord user : store.users()) {
      out.println(
          user.userName()
              + (store.passwordHash(user).isPresent() ? "" : "  (no password: cannot sign in)"));
    }
    return 0;
  }

  private static String refusal(ApiFailure e, String name) {
    return switch (e.status()) {
      case 404 -> "no user named " + name;
      case 409 -> "the name " + name + " is taken (by a user or a root stream)";
      case 422 ->
          "the user name " + name + " is not valid: 3 to 64 letters, digits, spaces, _, - or $";
      default -> e.getMessage();
    };
  }

  private static int usage(PrintStream err, String problem) {
    err.println("blotre-server: " + problem);
    err.println(
        "Usage: java -jar blotre-server.jar user add|passwd|remove NAME [flags], user list");
    return 2;
  }
}
