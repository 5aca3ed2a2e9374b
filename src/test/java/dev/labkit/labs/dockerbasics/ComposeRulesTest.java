package dev.labkit.labs.dockerbasics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.labkit.harness.feedback.Problem;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

class ComposeRulesTest {

  private static final DockerImageName POSTGRES = DockerImageName.parse("postgres:17");

  @Test
  void theSolutionsModelPassesEveryRule() {
    var model = RecordedDocker.composeModel("solution");
    assertThat(ComposeRules.services(model)).isEmpty();
    assertThat(ComposeRules.apiBuiltAndDbImage(model, POSTGRES)).isEmpty();
    assertThat(ComposeRules.onlyApiPublished(model)).isEmpty();
    assertThat(ComposeRules.waitsForHealthyDb(model)).isEmpty();
  }

  @Test
  void missingServicesAreNamed() throws Exception {
    var model = new ObjectMapper().readTree("{\"services\": {\"web\": {}}}");
    assertThat(ComposeRules.services(model))
        .extracting(Problem::message)
        .containsExactly("there is no service api", "there is no service db");
  }

  @Test
  void apiMustBuildAndDbMustRunTheCatalogsPostgres() throws Exception {
    var model =
        new ObjectMapper()
            .readTree(
                "{\"services\": {\"api\": {\"image\": \"notes:1\"}, \"db\": {\"image\": \"docker.io/library/postgres:16\"}}}");
    var problems = ComposeRules.apiBuiltAndDbImage(model, POSTGRES);
    assertThat(problems)
        .extracting(Problem::message)
        .containsExactly("api is not built from ./app", "db does not run PostgreSQL 17");
    assertThat(problems.get(1).expected()).isEqualTo("image: postgres:17");
    assertThat(problems.get(1).actual()).isEqualTo("image: docker.io/library/postgres:16");
    var pinnedDeeper = DockerImageName.parse("postgres:17.2");
    assertThat(
            ComposeRules.apiBuiltAndDbImage(RecordedDocker.composeModel("solution"), pinnedDeeper))
        .as("postgres:17 is not the catalog's 17.2")
        .hasSize(1);
  }

  @Test
  void aPublishedDatabasePortIsReported() {
    var problems = ComposeRules.onlyApiPublished(RecordedDocker.composeModel("db-port-published"));
    assertThat(problems)
        .singleElement()
        .extracting(Problem::message)
        .isEqualTo("db publishes a port on the host");
    assertThat(problems.get(0).actual())
        .isEqualTo(
            "[{\"mode\":\"ingress\",\"target\":5432,\"published\":\"5432\",\"protocol\":\"tcp\"}]");
  }

  @Test
  void anUnpublishedApiIsReported() {
    var problems =
        ComposeRules.onlyApiPublished(RecordedDocker.composeModel("api-port-not-published"));
    assertThat(problems).singleElement().extracting(Problem::actual).isEqualTo("no ports");
  }

  @Test
  void startOrderNeedsServiceHealthyAndADatabaseHealthCheck() {
    assertThat(
            ComposeRules.waitsForHealthyDb(RecordedDocker.composeModel("db-without-healthcheck")))
        .extracting(Problem::message)
        .containsExactly("db has no health check");
    assertThat(
            ComposeRules.waitsForHealthyDb(RecordedDocker.composeModel("depends-on-started-only")))
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo("condition: service_started");
  }

  @Test
  void theStarterFailsEveryModelRuleButTheServices() {
    var starter = RecordedDocker.composeModel("starter");
    assertThat(ComposeRules.services(starter)).isEmpty();
    assertThat(ComposeRules.onlyApiPublished(starter))
        .extracting(Problem::message)
        .containsExactly("db publishes a port on the host");
    assertThat(ComposeRules.waitsForHealthyDb(starter))
        .extracting(Problem::actual)
        .containsExactly("no depends_on db", "none");
  }

  @Test
  void dbHostIsReadFromTheContainersEnvironment() {
    var env = new String[] {"PATH=/bin", "DB_HOST=localhost", "DB_HOSTNAME=x"};
    assertThat(ComposeRules.environment(env, "DB_HOST")).contains("localhost");
    assertThat(ComposeRules.environment(null, "DB_HOST")).isEmpty();
    assertThat(ComposeRules.dbByServiceName(Optional.of("db"))).isEmpty();
    assertThat(ComposeRules.dbByServiceName(Optional.of("localhost")))
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo("DB_HOST=localhost");
    assertThat(ComposeRules.dbByServiceName(Optional.empty()).get(0).actual())
        .isEqualTo("no DB_HOST");
  }

  @Test
  void notesMustBeStoredAndListed() {
    assertThat(ComposeRules.notesStored(201, "", 200, true)).isEmpty();
    assertThat(ComposeRules.notesStored(500, "database unreachable", 200, false))
        .singleElement()
        .extracting(Problem::actual)
        .isEqualTo("POST → 500 database unreachable, GET → 200");
  }

  @Test
  void aHealthCheckThatPassesWithoutAServerIsReportedWithItsTest() throws Exception {
    var test = new ObjectMapper().readTree("{\"test\": [\"CMD\", \"true\"]}");
    assertThat(DbHealthTrial.judge(Optional.of("unhealthy"), test)).isEmpty();
    assertThat(DbHealthTrial.judge(Optional.of("starting"), test)).isEmpty();
    assertThat(DbHealthTrial.judge(Optional.of("healthy"), test))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("db's health check passes while PostgreSQL is not running");
              assertThat(p.actual()).endsWith("test: [\"CMD\",\"true\"]");
            });
  }

  @Test
  void onlyAHealthCheckThatIsOnIsTried() throws Exception {
    var json = new ObjectMapper();
    assertThat(ComposeRules.dbHasHealthcheck(RecordedDocker.composeModel("solution"))).isTrue();
    assertThat(ComposeRules.dbHasHealthcheck(json.readTree("{\"services\": {\"db\": {}}}")))
        .isFalse();
    assertThat(
            ComposeRules.dbHasHealthcheck(
                json.readTree("{\"services\": {\"db\": {\"healthcheck\": {\"disable\": true}}}}")))
        .isFalse();
    assertThat(
            ComposeRules.dbHasHealthcheck(
                json.readTree(
                    "{\"services\": {\"db\": {\"healthcheck\": {\"test\": [\"NONE\"]}}}}")))
        .isFalse();
  }
}
