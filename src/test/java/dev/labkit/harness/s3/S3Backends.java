package dev.labkit.harness.s3;

import dev.labkit.harness.docker.DockerEngine;
import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.run.LabContext;
import java.util.function.Supplier;

/**
 * Picks the S3 backend from {@code -Dlabkit.s3=auto|localstack|embedded|aws} and shares it across
 * the lab runs of one {@link dev.labkit.harness.run.RunSession} (the selftest runs a lab many
 * times: one LocalStack serves them all, each check in a bucket of its own). Shared backends stop
 * when the session closes; containers are labelled, so even a killed run's LocalStack is removed by
 * the next run.
 */
public final class S3Backends {

  public static final String SETTING = "labkit.s3";

  private S3Backends() {}

  /**
   * The backend for this run, started on first use; failures are remembered, not retried per check.
   */
  public static S3Backend forRun(LabContext lab) {
    var choice = lab.settings().get(SETTING, "auto");
    var backend =
        switch (choice) {
          case "auto" ->
              DockerEngine.isAvailable() ? localStack(lab) : embeddedBecauseNoDocker(lab);
          case "localstack" -> {
            DockerEngine.requireEngine("Or check without Docker: -Dlabkit.s3=embedded.");
            yield localStack(lab);
          }
          case "embedded" -> shared(lab, "embedded", EmbeddedS3::start);
          case "aws" -> lab.once("s3:aws", AwsS3::new);
          default ->
              throw new EnvironmentProblem(
                  "-Dlabkit.s3=" + choice + " is not an S3 backend.",
                  "Use auto, localstack, embedded or aws.");
        };
    lab.recordBackend("s3", backend.description());
    return backend;
  }

  private static S3Backend embeddedBecauseNoDocker(LabContext lab) {
    lab.once(
        "s3:no-docker-note",
        () -> {
          lab.console()
              .say(
                  DockerEngine.NOT_REACHABLE
                      + " S3 runs embedded in the JVM instead: uploads, expiry and "
                      + "downloads are really checked; CORS and lifecycle checks are skipped. "
                      + DockerEngine.START_DOCKER);
          return true;
        });
    return shared(lab, "embedded", EmbeddedS3::start);
  }

  private static S3Backend localStack(LabContext lab) {
    var image = lab.images().image("localstack");
    return shared(
        lab,
        "localstack:" + image,
        () -> {
          DockerEngine.requireImage(image);
          return lab.console()
              .step(
                  "starting LocalStack (" + image.asCanonicalNameString() + ")",
                  () -> new LocalStackS3(image).start());
        });
  }

  private static S3Backend shared(LabContext lab, String key, Supplier<? extends S3Backend> start) {
    return lab.session().shared("s3:" + key, start::get);
  }
}
