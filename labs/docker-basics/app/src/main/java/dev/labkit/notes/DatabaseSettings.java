package dev.labkit.notes;

import java.util.Map;

/**
 * Where the database is, from environment variables: DB_HOST (required), DB_PORT (default 5432),
 * DB_NAME, DB_USER and DB_PASSWORD (all three required).
 */
record DatabaseSettings(String host, int port, String name, String user, String password) {

  static DatabaseSettings fromEnvironment(Map<String, String> env) {
    return new DatabaseSettings(
        required(env, "DB_HOST"),
        Integer.parseInt(env.getOrDefault("DB_PORT", "5432")),
        required(env, "DB_NAME"),
        required(env, "DB_USER"),
        required(env, "DB_PASSWORD"));
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name + "?connectTimeout=5";
  }

  String address() {
    return host + ":" + port + "/" + name;
  }

  private static String required(Map<String, String> env, String name) {
    var value = env.get(name);
    if (value == null || value.isBlank()) {
      System.err.println("notes-api: set the environment variable " + name);
      System.exit(2);
    }
    return value;
  }
}
