package re.blot.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API is only the API: the module descriptor exports the four public packages, every
 * other package is {@code internal}, and no public signature mentions an internal type.
 */
class ModuleBoundaryTest {
  static final Set<String> PUBLIC_PACKAGES =
      Set.of(
          "re.blot.client",
          "re.blot.client.model",
          "re.blot.client.socket",
          "re.blot.client.disposable");

  static Path classes;
  static List<Class<?>> all;

  @BeforeAll
  static void readClasses() throws IOException, URISyntaxException, ClassNotFoundException {
    classes = Path.of(Blotre.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (!name.endsWith("module-info") && !name.endsWith("package-info")) {
          all.add(Class.forName(name, false, Blotre.class.getClassLoader()));
        }
      }
    }
  }

  @Test
  void theModuleExportsExactlyThePublicPackages() throws IOException {
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertThat(module.name()).isEqualTo("re.blot.client");
    assertThat(module.exports())
        .allSatisfy(export -> assertThat(export.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrderElementsOf(PUBLIC_PACKAGES);
  }

  @Test
  void everyPublicClassOutsideThePublicPackagesIsInternal() {
    Set<String> offenders =
        all.stream()
            .filter(c -> Modifier.isPublic(c.getModifiers()))
            .filter(c -> !PUBLIC_PACKAGES.contains(c.getPackageName()))
            .filter(c -> !c.getPackageName().equals("re.blot.client.internal"))
            .map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(offenders).as("public classes outside the public and internal packages").isEmpty();
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    Set<String> leaks = new TreeSet<>();
    for (Class<?> type : all) {
      if (!PUBLIC_PACKAGES.contains(type.getPackageName()) || !isApi(type)) {
        continue;
      }
      for (Field field : type.getDeclaredFields()) {
        if (isApi(field.getModifiers()) && isInternal(field.getGenericType())) {
          leaks.add(type.getName() + "." + field.getName());
        }
      }
      List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
      executables.addAll(List.of(type.getDeclaredConstructors()));
      for (Executable executable : executables) {
        if (!isApi(executable.getModifiers()) || executable.isSynthetic()) {
          continue;
        }
        List<Type> mentioned = new ArrayList<>(List.of(executable.getGenericParameterTypes()));
        mentioned.addAll(List.of(executable.getGenericExceptionTypes()));
        if (executable instanceof Method method) {
          mentioned.add(method.getGenericReturnType());
        }
        if (executable instanceof Constructor<?> && type.isEnum()) {
          continue;
        }
        if (mentioned.stream().anyMatch(ModuleBoundaryTest::isInternal)) {
          leaks.add(type.getName() + "." + executable.getName());
        }
      }
    }
    assertThat(leaks).as("public members that expose internal types").isEmpty();
  }

  private static boolean isApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!isApi(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static boolean isInternal(Type type) {
    return type.getTypeName().contains("re.blot.client.internal.");
  }

  @Test
  void theJarWorksOnTheModulePath() throws Exception {
    List<Path> modulePath = new ArrayList<>(List.of(classes));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.matches("(okhttp-jvm|okio-jvm|kotlin-stdlib|moshi|slf4j-api)-[0-9].*\\.jar")) {
        modulePath.add(Path.of(entry));
      }
    }
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolve(
                ModuleFinder.of(modulePath.toArray(Path[]::new)),
                ModuleFinder.of(),
                Set.of("re.blot.client"));
    ModuleLayer layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule("re.blot.client").orElseThrow();
    assertThat(module.getDescriptor().isAutomatic()).isFalse();

    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(Fixtures.json(200, Fixtures.STREAM_JSON));
      Class<?> blotreClass = layer.findLoader("re.blot.client").loadClass(Blotre.class.getName());
      Object builder = blotreClass.getMethod("builder").invoke(null);
      builder
          .getClass()
          .getMethod("baseUrl", String.class)
          .invoke(builder, server.url("/").toString());
      Object blotre = builder.getClass().getMethod("build").invoke(builder);
      // Moshi, in its own module, reads the model records: the descriptor opens them to it.
      Object stream =
          blotreClass.getMethod("getStream", String.class).invoke(blotre, Fixtures.STREAM_ID);
      assertThat(stream.getClass().getModule()).isEqualTo(module);
      assertThat(stream.toString()).contains("name=Mr Tree");
    }
    Path file = Files.createTempFile("creds", ".json");
    try {
      Files.writeString(
          file,
          "{\"client\": {\"client_id\": \"id\", \"client_secret\": \"secret\", \"code\": null},"
              + " \"creds\": {\"access_token\": \"a\", \"token_type\": \"bearer\","
              + " \"expires_in\": 7200, \"refresh_token\": \"r\", \"user\": null},"
              + " \"config\": {\"protocol\": \"https\", \"host\": \"blot.re\"}}");
      Class<?> store =
          layer.findLoader("re.blot.client").loadClass("re.blot.client.disposable.CredentialStore");
      Object opened = store.getMethod("at", Path.class).invoke(null, file);
      assertThat(store.getMethod("load").invoke(opened).toString()).contains("CredentialsFile");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
