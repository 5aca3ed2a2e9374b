package dev.labkit.harness.docker;

import java.util.Optional;
import java.util.regex.Pattern;

/** An image reference as written in FROM or compose: repository, optional tag, optional digest. */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  /** How firmly a reference names one image. */
  public enum Pinning {
    /** A tag that starts with a version number: 3.9.9-eclipse-temurin-21, 21-jre, v2.53.3. */
    VERSION_TAG,
    /** A content digest (@sha256:…): the firmest pin of all. */
    DIGEST,
    /** No tag at all, which Docker reads as :latest. */
    IMPLICIT_LATEST,
    /** The tag latest. */
    LATEST,
    /** A tag that names a moving line rather than a version: lts, jre, alpine, stable. */
    NOT_A_VERSION
  }

  private static final Pattern VERSION = Pattern.compile("^v?[0-9].*");

  public static ImageReference parse(String reference) {
    var rest = reference.strip();
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      return new ImageReference(
          rest.substring(0, colon), Optional.of(rest.substring(colon + 1)), digest);
    }
    return new ImageReference(rest, Optional.empty(), digest);
  }

  public Pinning pinning() {
    if (digest.isPresent()) {
      return Pinning.DIGEST;
    }
    if (tag.isEmpty()) {
      return Pinning.IMPLICIT_LATEST;
    }
    if (tag.get().equals("latest")) {
      return Pinning.LATEST;
    }
    return VERSION.matcher(tag.get()).matches() ? Pinning.VERSION_TAG : Pinning.NOT_A_VERSION;
  }

  public boolean isPinned() {
    return pinning() == Pinning.VERSION_TAG || pinning() == Pinning.DIGEST;
  }

  @Override
  public String toString() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
