package re.blot.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The client's version, from a resource that Maven fills in at build time. */
final class Version {
  private static final String RESOURCE = "/re/blot/client/blotre-client.properties";

  private Version() {}

  static String read() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Missing resource " + RESOURCE + ": the blotre-client jar is incomplete");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
