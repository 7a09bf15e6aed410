package dev.orderflow.platform.sql;

import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.api.ResourceProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Migration scripts: listed once from jars and directories, handed to Flyway by folder as its scanner names them")
class MigrationScriptsTest {

  private static final Map<String, String> SCRIPTS = new TreeMap<>(Map.of(
    "db/shop/common/V1__items.sql", "create table items (sku text primary key);",
    "db/shop/common/V2__prices.SQL", "alter table items add column price integer;",
    "db/shop/common/R__view.sql", "create view v as select 1;",
    "db/shop/common/notes.txt", "not a migration",
    "db/shop/commonly/V1__other.sql", "create table other (id integer);",
    "db/shop/sqlite/V3__index.sql", "create index items_price on items (price);"));

  @TempDir
  Path temp;

  @Test
  @DisplayName("in a jar: only the named folders' scripts, by Flyway's prefix and suffix rules, and each reads its own text")
  void fromAJar() throws IOException {
    Path jar = temp.resolve("migrations.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      // directory entries, as the shaded jar has them: the class loader finds db/ in a jar by its entry (so does Flyway)
      for (String directory : List.of("db/", "db/shop/", "db/shop/common/", "db/shop/commonly/", "db/shop/sqlite/")) {
        out.putNextEntry(new JarEntry(directory));
        out.closeEntry();
      }
      for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
        out.putNextEntry(new JarEntry(script.getKey()));
        out.write(script.getValue().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    assertProvidesByFolder(jar.toUri().toURL());
  }

  @Test
  @DisplayName("in a directory (the IDE's and the tests' class path): the same")
  void fromADirectory() throws IOException {
    Path classes = temp.resolve("classes");
    for (Map.Entry<String, String> script : SCRIPTS.entrySet()) {
      Path file = classes.resolve(script.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, script.getValue());
    }
    assertProvidesByFolder(classes.toUri().toURL());
  }

  private static void assertProvidesByFolder(URL classPathEntry) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classPathEntry}, null)) {
      ResourceProvider provider = MigrationScripts.onClassPath(loader).provider(List.of("db/shop/common", "db/shop/sqlite"));

      assertThat(names(provider, "V")).containsExactly("V1__items.sql", "V2__prices.SQL", "V3__index.sql");
      assertThat(names(provider, "R")).containsExactly("R__view.sql");
      assertThat(names(provider, "")).as("a folder's prefix is not a folder: db/shop/commonly is not db/shop/common")
        .doesNotContain("V1__other.sql", "notes.txt");
      assertThat(provider.getResource("v2__prices.sql")).as("looked up by name, in any case").isNotNull();
      assertThat(text(provider.getResource("V3__index.sql"))).isEqualTo(SCRIPTS.get("db/shop/sqlite/V3__index.sql"));
      assertThat(provider.getResource("V1__other.sql")).isNull();
    }
  }

  private static List<String> names(ResourceProvider provider, String prefix) {
    return provider.getResources(prefix, new String[] {".sql"}).stream().map(LoadableResource::getFilename).sorted().toList();
  }

  private static String text(LoadableResource script) {
    try (BufferedReader reader = new BufferedReader(script.read())) {
      return reader.lines().collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
