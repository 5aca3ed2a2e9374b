package dev.labkit.harness.java;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.sandbox.LearnerLibraries;
import dev.labkit.harness.workspace.Folders;
import dev.labkit.harness.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's Java sources with the JDK's own compiler, against the libraries the lab
 * lets the learner use (the kit's versions), into a temporary folder removed when closed. Sources
 * are read through the {@link Workspace}, so the usual file rules apply; compile errors become
 * problems with file, line and column. Compiling runs none of the learner's code (annotation
 * processing is off); running it is a {@link dev.labkit.harness.sandbox.LearnerSandbox}'s job.
 */
public final class LearnerJava {

  private LearnerJava() {}

  public static Optional<CompiledClasses> compile(
      Workspace workspace, String sourceFolder, LearnerLibraries libraries, Feedback feedback) {
    var files = workspace.listFiles(sourceFolder, ".java");
    if (files.isEmpty()) {
      feedback.add(
          Problem.in(sourceFolder, "no Java source files found")
              .hint("Your code goes in " + sourceFolder + "/ (see the lab README)."));
      return Optional.empty();
    }
    var sources = new ArrayList<JavaFileObject>();
    for (var file : files) {
      workspace.readText(file, feedback).ifPresent(text -> sources.add(new Source(file, text)));
    }
    if (sources.size() < files.size()) {
      return Optional.empty();
    }
    var compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException(
          "This Java runtime has no compiler; run the kit with a JDK, not a JRE.");
    }
    var output = createTempFolder();
    var diagnostics = new DiagnosticCollector<JavaFileObject>();
    try (var fileManager = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, null)) {
      fileManager.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
      var options =
          List.of(
              "-classpath",
              libraries.jars().stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(File.pathSeparator)),
              "--release",
              "17",
              "-proc:none",
              "-Xlint:none",
              "-encoding",
              "UTF-8");
      boolean compiled =
          compiler.getTask(null, fileManager, diagnostics, options, null, sources).call();
      for (var diagnostic : diagnostics.getDiagnostics()) {
        if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
          feedback.add(toProblem(diagnostic));
        }
      }
      if (!compiled) {
        Folders.delete(output);
        return Optional.empty();
      }
      return Optional.of(new CompiledClasses(output));
    } catch (IOException e) {
      Folders.delete(output);
      throw new UncheckedIOException(e);
    }
  }

  private static Problem toProblem(Diagnostic<? extends JavaFileObject> diagnostic) {
    var file = diagnostic.getSource() instanceof Source source ? source.relativePath : null;
    var message = diagnostic.getMessage(Locale.ENGLISH).lines().findFirst().orElse("compile error");
    var problem =
        Problem.in(file, "does not compile: " + message)
            .hint(
                "Fix the compile error first; every other check of your code needs it. The kit compiles with Java 17 and its own AWS SDK v2.");
    return diagnostic.getLineNumber() > 0
        ? problem.at((int) diagnostic.getLineNumber(), (int) diagnostic.getColumnNumber())
        : problem;
  }

  private static Path createTempFolder() {
    return Folders.createTemp("classes");
  }

  /** A source file held in memory, named by its path in the workspace for diagnostics. */
  private static final class Source extends SimpleJavaFileObject {
    final String relativePath;
    final String text;

    Source(String relativePath, String text) {
      super(sourceUri(relativePath), Kind.SOURCE);
      this.relativePath = relativePath;
      this.text = text;
    }

    private static URI sourceUri(String relativePath) {
      try {
        return new URI("string", null, "/" + relativePath, null);
      } catch (URISyntaxException e) {
        return URI.create("string:///source.java");
      }
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
