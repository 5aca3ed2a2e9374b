package dev.labkit.labs.presignedurl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Feedback;
import dev.labkit.harness.feedback.Problem;
import dev.labkit.harness.s3.AwsCliJson;
import dev.labkit.harness.s3.LifecycleRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle judgement without S3: the spellings S3 accepts, and the mistakes it does not catch.
 */
class PhotoAppLifecycleTest {

  static List<String> problems(String json) {
    var parse = new Feedback();
    var configuration = AwsCliJson.lifecycle("lifecycle.json", json, parse).orElseThrow();
    var feedback = new Feedback();
    PhotoAppLifecycle.check(new LifecycleRules(configuration.rules()), "lifecycle.json", feedback);
    return feedback.problems().stream().map(Problem::message).toList();
  }

  @Test
  void oneRulePerConcernPasses() {
    assertThat(
            problems(
                """
        {"Rules": [
          {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 1}},
          {"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}
        ]}"""))
        .isEmpty();
  }

  @Test
  void theLegacyPrefixAndAnAndFilterWithOnlyAPrefixCountToo() {
    assertThat(
            problems(
                """
        {"Rules": [
          {"ID": "tmp", "Status": "Enabled", "Filter": {"And": {"Prefix": "tmp/"}}, "Expiration": {"Days": 1}},
          {"ID": "mpu", "Status": "Enabled", "Prefix": "", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}
        ]}"""))
        .isEmpty();
  }

  @Test
  void abortingOnlyUnderTmpLeavesPhotoUploadsBehind() {
    assertThat(
            problems(
                """
        {"Rules": [{"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"},
          "Expiration": {"Days": 1}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]}"""))
        .containsExactly(
            "an unfinished multipart upload to uploads/alice/1f2e-photo.jpg must be aborted after one day",
            "an unfinished multipart upload to exports/2026-11.csv must be aborted after one day");
  }

  @Test
  void aDisabledRuleDoesNothing() {
    assertThat(
            problems(
                """
        {"Rules": [
          {"ID": "tmp", "Status": "Disabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 1}},
          {"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}
        ]}"""))
        .containsExactly("objects under tmp/ must expire one day after they are written");
  }

  @Test
  void aTagFilterDoesNotMatchUntaggedTemporaryFiles() {
    assertThat(
            problems(
                """
        {"Rules": [
          {"ID": "tmp", "Status": "Enabled", "Filter": {"Tag": {"Key": "temp", "Value": "yes"}}, "Expiration": {"Days": 1}},
          {"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}
        ]}"""))
        .containsExactly("objects under tmp/ must expire one day after they are written");
  }

  @Test
  void expiringTheWholeBucketDeletesPhotos() {
    assertThat(
            problems(
                """
        {"Rules": [{"ID": "all", "Status": "Enabled", "Filter": {},
          "Expiration": {"Days": 1}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]}"""))
        .containsExactly("users' photos must never expire");
  }

  @Test
  void zeroDaysIsNotOneDay() {
    assertThat(
            problems(
                """
        {"Rules": [
          {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 0}},
          {"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}
        ]}"""))
        .hasSize(4);
  }
}
