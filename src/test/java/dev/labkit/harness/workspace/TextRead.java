package dev.labkit.harness.workspace;

import dev.labkit.harness.feedback.Problem;
import java.nio.file.Path;
import java.util.Optional;

/** The outcome of reading a workspace file: its text, or the problem that made it unusable. */
public record TextRead(Path path, String content, Problem failure) {

  static TextRead found(Path path) {
    return new TextRead(path, null, null);
  }

  static TextRead text(String content) {
    return new TextRead(null, content, null);
  }

  static TextRead failed(Problem problem) {
    return new TextRead(null, null, problem);
  }

  public Optional<String> text() {
    return Optional.ofNullable(content);
  }

  public Optional<Problem> problem() {
    return Optional.ofNullable(failure);
  }
}
