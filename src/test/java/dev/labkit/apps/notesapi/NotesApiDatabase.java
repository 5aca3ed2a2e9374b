package dev.labkit.apps.notesapi;

import dev.labkit.harness.postgres.PostgresContainer;
import java.util.Map;

/**
 * Where the notes API ({@code labs/docker-basics/app}) finds its PostgreSQL: the {@code DB_*}
 * variables it reads at start. The labs that run the notes API (docker-basics next to the learner's
 * image, github-actions-deploy on the deploy server) give it its database through here, so the
 * app's contract is written once, outside the generic PostgreSQL fixture.
 */
public record NotesApiDatabase(String host, int port, String name, String user, String password) {

  /** {@code db} as the notes API reaches it at {@code host} (a network alias or an address). */
  public static NotesApiDatabase of(PostgresContainer db, String host) {
    return new NotesApiDatabase(
        host, PostgresContainer.PORT, db.getDatabaseName(), db.getUsername(), db.getPassword());
  }

  /** The variables the notes API reads. */
  public Map<String, String> settings() {
    return Map.of(
        "DB_HOST", host,
        "DB_PORT", Integer.toString(port),
        "DB_NAME", name,
        "DB_USER", user,
        "DB_PASSWORD", password);
  }
}
