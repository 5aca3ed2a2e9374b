package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NotesStackTest {

  /** The shape of `docker compose config --format json` for a project named labkit-1-config. */
  private static final String MODEL =
      """
      {"name": "labkit-1-config",
       "services": {
         "api": {"ports": [{"target": 8080, "published": "8080"}], "container_name": "notes-api",
                 "build": {"context": "/tmp/p/app"}, "image": "notes-api:1.0"},
         "db": {"ports": [{"target": 5432, "published": "5432"}], "image": "postgres:17"},
         "worker": {"build": {"context": "/tmp/p/app"}, "image": "postgres:17"},
         "adminer": {}},
       "volumes": {
         "db-data": {"name": "labkit-1-config_db-data"},
         "pinned": {"name": "notes-pgdata"},
         "shared": {"name": "outside", "external": true}},
       "networks": {
         "default": {"name": "labkit-1-config_default"},
         "backend": {"name": "notes-backend"}}}
      """;

  @Test
  void everyServiceLosesFixedNamesAndPortsAndApiGetsALoopbackPort() throws Exception {
    var override = NotesStack.override(new ObjectMapper().readTree(MODEL), "labkit-1-stack");

    assertThat(override.split("container_name: !reset null", -1)).hasSize(5);
    assertThat(override)
        .contains(
            "  api:\n    container_name: !reset null\n    ports: !override\n      - \"127.0.0.1::8080\"");
    assertThat(override).contains("  db:\n    container_name: !reset null\n    ports: !reset []");
    assertThat(override)
        .contains("  adminer:\n    container_name: !reset null\n    ports: !reset []");
  }

  @Test
  void everyServiceThatBuildsLosesItsImageNameSoNoBuildTagsOverAnImageOfTheMachine()
      throws Exception {
    var override = NotesStack.override(new ObjectMapper().readTree(MODEL), "labkit-1-stack");

    assertThat(override)
        .contains(
            "  worker:\n    container_name: !reset null\n    ports: !reset []\n    image: !reset null\n");
    assertThat(override).contains("      - \"127.0.0.1::8080\"\n    image: !reset null\n");
    assertThat(override.split("image: !reset null", -1)).as("api and worker only").hasSize(3);
  }

  @Test
  void onlyGloballyNamedVolumesAndNetworksAreRenamedIntoTheProject() throws Exception {
    var override = NotesStack.override(new ObjectMapper().readTree(MODEL), "labkit-1-stack");

    assertThat(override).contains("volumes:\n  pinned:\n    name: labkit-1-stack_pinned\n");
    assertThat(override).contains("  backend:\n    name: labkit-1-stack_backend\n");
    assertThat(override).doesNotContain("db-data:").doesNotContain("shared:");
  }

  @Test
  void theHeldBackDbKeysGoUnderDbAlone() throws Exception {
    var override =
        NotesStack.override(
            new ObjectMapper().readTree(MODEL), "labkit-1-dbhealth", DbHealthTrial.HELD_BACK);

    assertThat(override.split("entrypoint:", -1)).hasSize(2);
    var db = override.substring(override.indexOf("\n  db:\n"));
    var dbBlock = db.substring(0, nextService(db));
    assertThat(dbBlock)
        .contains(
            "    entrypoint: [\"sleep\", \"infinity\"]\n",
            "    healthcheck:\n      interval: 1s\n      start_period: 0s\n      retries: 2");
  }

  /** Where the service after the first one of {@code yaml} begins (a line with two spaces). */
  private static int nextService(String yaml) {
    var matcher = java.util.regex.Pattern.compile("\n  [a-z]").matcher(yaml);
    matcher.find();
    return matcher.find() ? matcher.start() : yaml.length();
  }
}
