package dev.labkit.labs.presignedurl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The kit sends requests only to the bucket's endpoint, whatever URL the learner's code made. */
class PhotoUrlsTrialTest {

  @Test
  void theSolutionsUrlsPointAtTheBucket() throws Exception {
    var issued = RecordedS3.upload("solution", "photo.jpg", "image/jpeg", 120);

    assertThat(PhotoUrlsTrial.offEndpoint(issued.url(), RecordedS3.bucketObject(issued))).isEmpty();
  }

  @Test
  void anotherHostIsRefusedBeforeAnyRequest() throws Exception {
    var url = new URL("http://attacker.example/labkit-recorded/k?X-Amz-Expires=60");

    assertThat(
            PhotoUrlsTrial.offEndpoint(
                url, URI.create("http://127.0.0.1:4566/labkit-recorded/any-key")))
        .hasValueSatisfying(
            p -> {
              assertThat(p.message())
                  .isEqualTo("the URL does not point at the bucket's S3 endpoint");
              assertThat(p.expected()).isEqualTo("a URL on http://127.0.0.1:4566");
              assertThat(p.actual()).isEqualTo(url.toString());
            });
  }

  @Test
  void defaultPortsAreTheSameOrigin() throws Exception {
    assertThat(
            PhotoUrlsTrial.offEndpoint(
                new URL("https://photos.s3.amazonaws.com/k"),
                URI.create("https://photos.s3.amazonaws.com:443/any-key")))
        .isEmpty();
    assertThat(
            PhotoUrlsTrial.offEndpoint(
                new URL("http://photos.s3.amazonaws.com/k"),
                URI.create("https://photos.s3.amazonaws.com/any-key")))
        .hasValueSatisfying(
            p ->
                assertThat(p.expected()).isEqualTo("a URL on https://photos.s3.amazonaws.com:443"));
  }
}
