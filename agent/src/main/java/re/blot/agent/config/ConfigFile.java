package re.blot.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a config file as sections of {@code key = value} lines, kept line by line so that a
 * value can be rewritten without touching the comments and layout around it.
 *
 * <p>Syntax: {@code [section]} headers; {@code key = value} entries; lines starting with {@code #}
 * or {@code ;} are comments. There are no trailing comments, because {@code #} starts a color. Keys
 * before the first header belong to no section, which is an error.
 */
public final class ConfigFile {
  private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]]*?)\\s*]");
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_.-]+)\\s*=(.*)");

  /** One {@code key = value} line; {@code line} is 1-based. */
  public record Entry(String key, String value, int line) {}

  /** A {@code [name]} header and its entries in file order. */
  public record Section(String name, int line, Map<String, Entry> entries) {}

  private final String source;
  private final List<String> lines;
  private final Map<String, Section> sections;

  private ConfigFile(String source, List<String> lines, Map<String, Section> sections) {
    this.source = source;
    this.lines = List.copyOf(lines);
    this.sections = sections;
  }

  /**
   * Parses {@code text}; {@code source} names the file in error messages.
   *
   * @throws ConfigException for a line that is neither header, entry, comment nor blank, for a key
   *     outside any section, and for a section or key given twice
   */
  public static ConfigFile parse(String source, String text) {
    List<String> lines = text.lines().toList();
    Map<String, Section> sections = new LinkedHashMap<>();
    Section current = null;
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      Matcher section = SECTION.matcher(line);
      Matcher entry = ENTRY.matcher(line);
      if (section.matches()) {
        String name = section.group(1);
        Section previous = sections.get(name);
        if (previous != null) {
          throw new ConfigException(
              source,
              lineNumber,
              null,
              "section [" + name + "] appears twice (first on line " + previous.line() + ")");
        }
        current = new Section(name, lineNumber, new LinkedHashMap<>());
        sections.put(name, current);
      } else if (entry.matches()) {
        String key = entry.group(1);
        if (current == null) {
          throw new ConfigException(source, lineNumber, key, "is outside any [section]");
        }
        Entry previous = current.entries().get(key);
        if (previous != null) {
          throw new ConfigException(
              source,
              lineNumber,
              key,
              "is set twice in [" + current.name() + "] (first on line " + previous.line() + ")");
        }
        current.entries().put(key, new Entry(key, entry.group(2).strip(), lineNumber));
      } else {
        throw new ConfigException(
            source,
            lineNumber,
            null,
            "expected '[section]', 'key = value' or a '#' comment, found '" + line + "'");
      }
    }
    sections.replaceAll((name, s) -> new Section(name, s.line(), Map.copyOf(s.entries())));
    return new ConfigFile(source, lines, sections);
  }

  /** The name used in error messages, usually the file path. */
  public String source() {
    return source;
  }

  /** Sections in file order. */
  public List<Section> sections() {
    return List.copyOf(sections.values());
  }

  public Optional<Section> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  /**
   * A copy with {@code key = value} in {@code section}: the existing line is rewritten in place; a
   * new key takes the place of the section's commented-out example of it ({@code # key = ...}),
   * else goes after the section's last entry. Every other line stays as it was.
   *
   * @throws IllegalArgumentException if there is no such section
   */
  public ConfigFile withValue(String sectionName, String key, String value) {
    Section section = sections.get(sectionName);
    if (section == null) {
      throw new IllegalArgumentException(source + " has no section [" + sectionName + "]");
    }
    List<String> edited = new ArrayList<>(lines);
    Entry entry = section.entries().get(key);
    if (entry != null) {
      String old = edited.get(entry.line() - 1);
      String indent = old.substring(0, old.indexOf(old.strip()));
      edited.set(entry.line() - 1, indent + key + " = " + value);
      return parse(source, text(edited));
    }
    Pattern example = Pattern.compile("\\s*[#;]\\s*" + Pattern.quote(key) + "\\s*=.*");
    for (int i = section.line(); i < edited.size() && !isHeader(edited.get(i)); i++) {
      if (example.matcher(edited.get(i)).matches()) {
        edited.set(i, key + " = " + value);
        return parse(source, text(edited));
      }
    }
    int last =
        section.entries().values().stream().mapToInt(Entry::line).max().orElse(section.line());
    edited.add(last, key + " = " + value);
    return parse(source, text(edited));
  }

  /**
   * A copy with an empty {@code [name]} section before the first section (at the end if there is
   * none), or this file if it has one.
   */
  public ConfigFile withSection(String name) {
    if (sections.containsKey(name)) {
      return this;
    }
    List<String> edited = new ArrayList<>(lines);
    int first = sections.values().stream().mapToInt(Section::line).min().orElse(lines.size() + 1);
    edited.addAll(first - 1, List.of("[" + name + "]", ""));
    return parse(source, text(edited));
  }

  private static boolean isHeader(String line) {
    return SECTION.matcher(line.strip()).matches();
  }

  /** The whole text, ending with a newline. */
  public String text() {
    return text(lines);
  }

  private static String text(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
