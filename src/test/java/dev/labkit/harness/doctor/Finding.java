package dev.labkit.harness.doctor;

/** One thing the doctor looked at: how it stands, what it saw, and what to do about it. */
public record Finding(Level level, String topic, String seen, String todo) {

  /** OK: nothing to do. WARN: a lab may be slow or a by-hand step may not work. FAIL: fix it. */
  public enum Level {
    OK,
    WARN,
    FAIL
  }

  public static Finding ok(String topic, String seen) {
    return new Finding(Level.OK, topic, seen, "");
  }

  public static Finding warn(String topic, String seen, String todo) {
    return new Finding(Level.WARN, topic, seen, todo);
  }

  public static Finding fail(String topic, String seen, String todo) {
    return new Finding(Level.FAIL, topic, seen, todo);
  }

  public String render() {
    var line = String.format("%-4s %-28s %s", level, topic, seen);
    return todo.isEmpty() ? line : line + "\n     → " + todo;
  }
}
