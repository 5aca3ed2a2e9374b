package dev.labkit.labs.presignedurl;

import dev.labkit.harness.feedback.CheckFailure;
import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.java.LearnerJava;
import dev.labkit.harness.run.LabContext;
import dev.labkit.harness.s3.S3Bucket;
import dev.labkit.harness.sandbox.LearnerLibraries;
import dev.labkit.harness.sandbox.LearnerSandbox;
import dev.labkit.harness.sandbox.LearnerThrew;
import dev.labkit.harness.sandbox.SandboxSpec;
import dev.labkit.labs.presignedurl.sandbox.PhotoUrlsHandler;
import java.util.List;
import java.util.Optional;

/**
 * The learner's src/main/java, compiled once per run and started in its sandbox, with the lab's
 * contract found in it ({@link PhotoUrlsContract}). The code-compiles check judges it; the checks
 * that call it need code-compiles to pass (lab.yaml), so they always find the contract.
 */
final class PhotoUrlsCode {

  /** What the learner's code may use: the AWS SDK (the kit's version) and nothing else. */
  static final LearnerLibraries AWS_SDK =
      LearnerLibraries.of("software.amazon.awssdk", "org.reactivestreams", "org.slf4j");

  private record Compiled(Optional<PhotoUrlsContract> contract, List<Problem> problems) {}

  private final LabContext lab;

  PhotoUrlsCode(LabContext lab) {
    this.lab = lab;
  }

  /** Why the code cannot be used: compiler errors, or parts of the contract missing. */
  List<Problem> problems() {
    return compiled().problems();
  }

  /**
   * The learner's PhotoUrls for {@code bucket} (its constructor runs now); fails the check when the
   * constructor throws.
   */
  PhotoUrlsTrial trial(S3Bucket bucket) {
    var contract =
        compiled()
            .contract()
            .orElseThrow(() -> new IllegalStateException(PhotoUrlsContract.FILE + " is unusable"));
    try {
      return new PhotoUrlsTrial(contract.create(bucket), bucket);
    } catch (LearnerThrew e) {
      throw new CheckFailure(
          List.of(e.asProblem(PhotoUrlsContract.FILE, "new PhotoUrls(presigner, bucket)")));
    }
  }

  private Compiled compiled() {
    return lab.once(
        "learner-code",
        () -> {
          var feedback = new Feedback();
          var contract =
              lab.console()
                  .step(
                      "compiling src/main/java",
                      () ->
                          LearnerJava.compile(lab.workspace(), "src/main/java", AWS_SDK, feedback))
                  .map(lab::closeAtEnd)
                  .map(
                      classes ->
                          LearnerSandbox.open(
                              lab,
                              SandboxSpec.of("photo-urls", PhotoUrlsHandler.class, AWS_SDK),
                              classes.folder()))
                  .flatMap(
                      sandbox ->
                          lab.console()
                              .step(
                                  "starting your code in its sandbox",
                                  () -> PhotoUrlsContract.find(sandbox, feedback)));
          return new Compiled(contract, feedback.problems());
        });
  }
}
