package dev.labkit.harness.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The run's switches, read from JUnit configuration parameters, which fall back to system
 * properties: so {@code -Dlabkit.s3=embedded} on the Maven command line and a selftest's per-run
 * parameter reach checks the same way. Blank values count as not given.
 */
public final class LabSettings {

  public static final String LAB = "lab";
  public static final String WORKSPACE = "labkit.workspace";
  public static final String REPORT_DIR = "labkit.reportDir";
  public static final String CONSOLE = "labkit.console";
  public static final String ROOT = "labkit.root";
  public static final String HINTS = "labkit.hints";
  public static final String KEEP = "labkit.keep";

  private final Function<String, Optional<String>> source;

  public LabSettings(Function<String, Optional<String>> source) {
    this.source = source;
  }

  public Optional<String> get(String key) {
    return source.apply(key).map(String::trim).filter(value -> !value.isEmpty());
  }

  public String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  /**
   * The kit's folder: {@code labkit.root} (Maven passes it; a test passes a fixture kit's), else
   * where {@link KitRoot#locate()} finds it.
   */
  public Path kitRoot() {
    return get(ROOT)
        .map(root -> Path.of(root).toAbsolutePath().normalize())
        .orElseGet(KitRoot::locate);
  }

  /**
   * The folder to check: {@code -Dlabkit.workspace}, relative to the kit root, or {@code
   * labs/<id>}.
   */
  public Path workspaceFolder(Path kitRoot, String labId) {
    return get(WORKSPACE).map(kitRoot::resolve).orElse(kitRoot.resolve("labs").resolve(labId));
  }

  /**
   * Where the run's report.json and report.md go: {@code -Dlabkit.reportDir}, relative to the kit
   * root, or {@code target/labkit/<id>}, one folder per lab, so a run of one lab keeps the others'
   * last reports (the lab list reads them to show progress).
   */
  public Path reportFolder(Path kitRoot, String labId) {
    return get(REPORT_DIR).map(kitRoot::resolve).orElse(defaultReportFolder(kitRoot, labId));
  }

  public static Path defaultReportFolder(Path kitRoot, String labId) {
    return kitRoot.resolve("target/labkit").resolve(labId);
  }

  /** {@code -Dlabkit.hints=full}: failed checks also show each hint's complete example. */
  public boolean fullHints() {
    return "full".equalsIgnoreCase(get(HINTS, "true"));
  }

  /** {@code -Dlabkit.keep=true}: the lab's stack stays running after the checks, to be touched. */
  public boolean keep() {
    return "true".equalsIgnoreCase(get(KEEP, "false"));
  }

  /** {@code quiet} when the selftest runs a lab many times and prints its own summary. */
  public boolean quiet() {
    return "quiet".equals(get(CONSOLE, "normal"));
  }
}
