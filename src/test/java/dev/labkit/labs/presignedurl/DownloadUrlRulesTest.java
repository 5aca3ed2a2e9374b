package dev.labkit.labs.presignedurl;

import static dev.labkit.labs.presignedurl.RecordedS3.answer;
import static dev.labkit.labs.presignedurl.RecordedS3.download;
import static dev.labkit.labs.presignedurl.RecordedS3.lifetime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labkit.harness.sandbox.LearnerThrew;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The download rules on what the recorded PhotoUrls returned and S3 answered. */
class DownloadUrlRulesTest {

  static final String ALICES = DownloadUrlRules.ALICES_KEY;

  @Test
  void aliceDownloadsHerPhotoWithTheSolutionsUrl() throws Exception {
    var issued = download("solution", "alice", ALICES);

    assertThat(DownloadUrlRules.ownerDownloads(answer("get-own-photo-solution"))).isEmpty();
    assertThat(DownloadUrlRules.method(issued.method())).isEmpty();
    assertThat(DownloadUrlRules.lifetime(lifetime(issued))).isEmpty();
  }

  @Test
  void aMissingPhotoQuotesS3sError() {
    assertThat(DownloadUrlRules.ownerDownloads(answer("get-missing-photo-solution")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("alice could not download her own photo with the download URL");
              assertThat(p.actual()).startsWith("404 NoSuchKey");
            });
  }

  @Test
  void anHourLongUrlIsTooLong() throws Exception {
    var issued = download("download-url-lives-an-hour", "alice", ALICES);

    assertThat(DownloadUrlRules.lifetime(lifetime(issued)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("the download URL lives too long");
              assertThat(p.actual()).isEqualTo("3600 s");
            });
    assertThat(DownloadUrlRules.lifetime(Optional.empty()))
        .singleElement()
        .satisfies(p -> assertThat(p.actual()).isEqualTo("no X-Amz-Expires in the URL"));
  }

  @Test
  void aPutIsNoDownload() {
    assertThat(DownloadUrlRules.method("PUT"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("the download URL is not a GET");
              assertThat(p.expected()).startsWith("GET");
              assertThat(p.actual()).isEqualTo("PUT");
            });
  }

  @Test
  void theSolutionRefusesOthersKeys() {
    assertThatThrownBy(() -> download("solution", "bob", ALICES)).isInstanceOf(LearnerThrew.class);
    assertThatThrownBy(() -> download("solution", "ann", "uploads/anna/5e6f-photo.jpg"))
        .isInstanceOf(LearnerThrew.class);
  }

  @Test
  void thePrefixWithoutSlashLetsAnnReadAnnas() throws Exception {
    assertThatThrownBy(() -> download("download-prefix-without-slash", "bob", ALICES))
        .isInstanceOf(LearnerThrew.class);
    var issued = download("download-prefix-without-slash", "ann", "uploads/anna/5e6f-photo.jpg");

    assertThat(issued.method()).isEqualTo("GET");
    assertThat(
            DownloadUrlRules.othersKeyIssued(
                "ann",
                "uploads/anna/5e6f-photo.jpg",
                "ann got a download URL for anna's photo",
                "h"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.expected())
                  .isEqualTo("an exception: ann may only download keys under uploads/ann/");
              assertThat(p.actual()).isEqualTo("a download URL for uploads/anna/5e6f-photo.jpg");
            });
  }

  @Test
  void anyUserGetsAlicesPhotoWithoutTheCheck() throws Exception {
    var issued = download("download-for-any-user", "bob", ALICES);

    assertThat(RecordedS3.keyOf(issued)).isEqualTo(ALICES);
  }
}
