package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.labkit.harness.run.EnvironmentProblem;
import dev.labkit.harness.s3.LocalStackS3;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack tags after 4.14.0 exit with code 55 when no auth token is given. The kit must say so
 * in one sentence, at once, instead of waiting out the start-up timeout. The image here imitates
 * that behaviour on the offline base image.
 */
class LocalStackStartIT {

  @Test
  void aTagThatNeedsAnAccountIsExplainedAtOnce() {
    var needsToken =
        new ImageFromDockerfile("labkit/test-localstack-needs-token:selftest", false)
            .withDockerfileFromBuilder(
                dockerfile ->
                    dockerfile
                        .from("labkit/debian:trixie")
                        .run(
                            "printf '#!/bin/bash\\necho \"LOCALSTACK_AUTH_TOKEN is required\"\\nexit 55\\n' > /usr/local/bin/docker-entrypoint.sh"
                                + " && chmod +x /usr/local/bin/docker-entrypoint.sh")
                        .entryPoint("/usr/local/bin/docker-entrypoint.sh")
                        .build());
    var image = DockerImageName.parse(needsToken.get());
    Throwable thrown;
    try {
      thrown = catchThrowable(() -> new LocalStackS3(image).start());
    } finally {
      // Ryuk is off, so Testcontainers would leave the image behind.
      DockerClientFactory.lazyClient()
          .removeImageCmd(image.asCanonicalNameString())
          .withForce(true)
          .exec();
    }

    assertThat(thrown).isInstanceOf(EnvironmentProblem.class).hasMessageContaining("exit code 55");
    assertThat(((EnvironmentProblem) thrown).hint())
        .contains("LOCALSTACK_AUTH_TOKEN", "localstack/localstack:4.14.0");
  }
}
