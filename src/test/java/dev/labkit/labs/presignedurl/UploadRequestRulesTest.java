package dev.labkit.labs.presignedurl;

import static dev.labkit.labs.presignedurl.RecordedS3.keyOf;
import static dev.labkit.labs.presignedurl.RecordedS3.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.sandbox.LearnerThrew;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The allowed-types and file-name-traversal rules on what the recorded PhotoUrls returned. */
class UploadRequestRulesTest {

  @Test
  void theSolutionIssuesJpegAndPngAndRefusesTheRest() throws Exception {
    upload("solution", "photo.jpg", "image/jpeg", 120);
    upload("solution", "photo.png", "image/png", 60);
    for (var type : UploadRequestRules.REFUSED_TYPES) {
      assertThatThrownBy(() -> upload("solution", "photo", type, 60))
          .isInstanceOfSatisfying(
              LearnerThrew.class,
              refused -> assertThat(Refusal.judge(refused, "uploadUrl for " + type)).isEmpty());
    }
  }

  @Test
  void anyImageLetsSvgThroughWithItsOwnHint() throws Exception {
    var svg = upload("allowed-types-any-image", "photo", "image/svg+xml", 60);

    assertThat(UploadRequestRules.refusedTypeIssued("image/svg+xml", keyOf(svg)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("a URL was issued for image/svg+xml");
              assertThat(p.actual()).matches("a URL for uploads/alice/[0-9a-f-]{36}-photo");
              assertThat(p.hint()).startsWith("SVG is an image type that can carry scripts");
            });
    assertThat(UploadRequestRules.refusedTypeIssued("image/gif", "k"))
        .singleElement()
        .satisfies(p -> assertThat(p.hint()).startsWith("Check contentType against a fixed set"));
  }

  @Test
  void refusingAnAllowedTypeQuotesTheException() {
    var refused = LearnerThrew.threw("IllegalArgumentException", "only JPEG");

    assertThat(UploadRequestRules.allowedTypeRefused("image/png", refused))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("uploadUrl for image/png threw IllegalArgumentException: only JPEG");
              assertThat(p.expected()).isEqualTo("a URL: image/png is allowed");
            });
  }

  @Test
  void theSolutionKeepsHostileNamesInsideTheFolder() throws Exception {
    for (var name : UploadRequestRules.HOSTILE_NAMES) {
      var key = keyOf(upload("solution", name, "image/png", 60));
      assertThat(UploadRequestRules.keyForHostileName(name, key)).as(key).isEmpty();
    }
  }

  @Test
  void theRawFileNameEscapes() throws Exception {
    var key = keyOf(upload("traversal-raw-file-name", "../bob/photo.jpg", "image/png", 60));

    assertThat(UploadRequestRules.keyForHostileName("../bob/photo.jpg", key))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("the file name \"../bob/photo.jpg\" escaped the user's folder");
              assertThat(p.actual()).isEqualTo(key);
            });
  }

  @Test
  void backslashesAreQuotedAsJavaWouldWriteThem() {
    assertThat(UploadRequestRules.keyForHostileName("..\\..\\boot.ini", "uploads/bob/x"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo("the file name \"..\\\\..\\\\boot.ini\" escaped the user's folder"));
    assertThat(UploadRequestRules.keyForHostileName("x", "uploads/alice/")).hasSize(1);
  }

  @Test
  void aCallThatEndedTheJvmRefusedNothing() {
    var ended = LearnerThrew.ended("the JVM running your code exited with status 1");

    assertThat(Refusal.judge(ended, "uploadUrl for image/gif"))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "uploadUrl for image/gif did not return: the JVM running your code exited with status 1"));
    assertThat(Refusal.judge(LearnerThrew.timedOut("uploadUrl", Duration.ofSeconds(5)), "x"))
        .hasSize(1);
  }
}
