package re.blot.server.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import re.blot.server.http.Reply;

/**
 * An HTML page from the resources with {@code {{name}}} placeholders. Values are HTML-escaped,
 * except those whose name ends in {@code Html}, which the caller has built from escaped parts.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final String text;

  private Template(String text) {
    this.text = text;
  }

  static Template load(String name) {
    try (InputStream in = Template.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Page template missing from the jar: " + name);
      }
      return new Template(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read page template " + name, e);
    }
  }

  String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException("No value for {{" + name + "}}");
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(name.endsWith("Html") ? value : Reply.escape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
