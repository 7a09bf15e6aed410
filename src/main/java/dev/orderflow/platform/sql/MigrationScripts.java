package dev.orderflow.platform.sql;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The migration scripts under {@code db/} on the class path, listed once per process. Flyway's own
 * scanner lists a class path location by reading every entry of the jar that holds it: in the fat jar
 * about 39,000 entries, for each of the some 30 folders a startup migrates (two histories per module,
 * common and vendor folders), a third of the migrations' CPU. Flyway takes the scripts of one
 * migration from {@link #provider}, which lists them from here.
 */
final class MigrationScripts {

  private static final String ROOT = "db";

  private final ClassLoader loader;
  /** Each script's path on the class path, such as {@code db/orders/common/V1__orders.sql}. */
  private final Collection<String> paths;

  private MigrationScripts(ClassLoader loader, Collection<String> paths) {
    this.loader = loader;
    this.paths = paths;
  }

  /** Blocking: lists {@code db/} in every jar and directory of the class path that has one. */
  static MigrationScripts onClassPath(ClassLoader loader) {
    Collection<String> paths = new TreeSet<>();
    try {
      Enumeration<URL> roots = loader.getResources(ROOT);
      while (roots.hasMoreElements()) {
        URL root = roots.nextElement();
        paths.addAll("jar".equals(root.getProtocol()) ? inJar(root) : inDirectory(root));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the migrations under " + ROOT + "/ on the class path", e);
    }
    return new MigrationScripts(loader, Collections.unmodifiableCollection(paths));
  }

  /** The scripts of {@code folders} for one Flyway run, named relative to their folder as Flyway's scanner names them. */
  ResourceProvider provider(List<String> folders) {
    List<LoadableResource> scripts = new ArrayList<>();
    for (String folder : folders) {
      String prefix = folder + "/";
      paths.stream().filter(path -> path.startsWith(prefix))
        .forEach(path -> scripts.add(new Script(loader, path, path.substring(prefix.length()))));
    }
    return new ResourceProvider() {
      @Override
      public LoadableResource getResource(String name) {
        return scripts.stream().filter(script -> script.getRelativePath().equalsIgnoreCase(name)).findFirst().orElse(null);
      }

      @Override
      public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return scripts.stream().filter(script -> named(script.getFilename(), prefix, suffixes)).toList();
      }
    };
  }

  /** As Flyway's scanner selects: the prefix (if any), then something, then one of the suffixes in any case. */
  private static boolean named(String filename, String prefix, String[] suffixes) {
    String start = prefix == null ? "" : prefix;
    return filename.startsWith(start) && Arrays.stream(suffixes).anyMatch(suffix -> filename.length() > start.length() + suffix.length()
      && filename.regionMatches(true, filename.length() - suffix.length(), suffix, 0, suffix.length()));
  }

  private static List<String> inJar(URL root) throws IOException {
    JarURLConnection connection = (JarURLConnection) root.openConnection();
    // a jar of its own, closed here: the cached one is the class loader's
    connection.setUseCaches(false);
    // the jar names a directory with its trailing slash
    String prefix = connection.getEntryName().endsWith("/") ? connection.getEntryName() : connection.getEntryName() + "/";
    try (JarFile jar = connection.getJarFile()) {
      return jar.stream().filter(entry -> !entry.isDirectory()).map(JarEntry::getName).filter(name -> name.startsWith(prefix)).toList();
    }
  }

  private static List<String> inDirectory(URL root) throws IOException {
    Path directory;
    try {
      directory = Path.of(root.toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    Path classPathRoot = directory.getParent();
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
        .map(file -> classPathRoot.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"))
        .toList();
    }
  }

  /** One script, read from the class path when Flyway runs it. */
  private static final class Script extends LoadableResource {

    private final ClassLoader loader;
    private final String path;
    private final String relativePath;

    private Script(ClassLoader loader, String path, String relativePath) {
      this.loader = loader;
      this.path = path;
      this.relativePath = relativePath;
    }

    @Override
    public Reader read() {
      InputStream in = loader.getResourceAsStream(path);
      if (in == null) {
        throw new UncheckedIOException(new IOException(path + " is no longer on the class path"));
      }
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return path;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      URL url = loader.getResource(path);
      return url == null ? path : url.toString();
    }

    @Override
    public String getFilename() {
      return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public String getRelativePath() {
      return relativePath;
    }
  }
}
