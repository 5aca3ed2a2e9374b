package dev.labkit.harness.postgres;

import dev.labkit.harness.docker.KitContainers;
import dev.labkit.harness.docker.LogLineOrExit;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL from the official image ({@code postgres:17}) or the kit's stand-in, with one user and
 * database made by the image's own {@code POSTGRES_*} variables. Ready when the server accepts
 * connections after its first-start initialisation; fails at once if it exits instead.
 */
public final class PostgresContainer extends GenericContainer<PostgresContainer> {

  public static final int PORT = 5432;

  /**
   * First start runs initdb; on two busy cores (three deploy trials and image builds beside it)
   * that took over 60 s. A bound, not a wait: a ready database is seen at once.
   */
  private static final Duration READY_LIMIT = Duration.ofSeconds(120);

  private static final Pattern READY =
      Pattern.compile(
          "(?s)(init process complete|skipping initialization).*ready to accept connections");

  private final String database;
  private final String user;
  private final String password;

  public PostgresContainer(DockerImageName image, String database, String user, String password) {
    super(image.asCompatibleSubstituteFor("postgres"));
    this.database = database;
    this.user = user;
    this.password = password;
    withEnv(Map.of("POSTGRES_USER", user, "POSTGRES_PASSWORD", password, "POSTGRES_DB", database));
    waitingFor(new LogLineOrExit("PostgreSQL ready for connections", READY, READY_LIMIT));
    KitContainers.label(this);
  }

  public String getDatabaseName() {
    return database;
  }

  public String getUsername() {
    return user;
  }

  public String getPassword() {
    return password;
  }
}
