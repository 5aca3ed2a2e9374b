package dev.labkit.harness.docker;

import java.util.Optional;
import java.util.regex.Pattern;
import org.testcontainers.utility.DockerImageName;

/**
 * An image reference as a learner wrote it in FROM or compose: repository, optional tag, optional
 * digest. The kit's own images are Testcontainers' {@link DockerImageName} (the image catalog);
 * this type is for judging what was written, which DockerImageName does not keep: it reads {@code
 * postgres} as {@code postgres:latest} (so "no tag" and "the tag latest" look alike), {@code
 * maven:3.9@sha256:…} as the repository {@code maven:3.9}, and throws on some malformed text. To
 * compare a written reference with a catalog image, convert the image with {@link #of}.
 */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  private static final Pattern DOCKER_HUB_PREFIX = Pattern.compile("^docker\\.io/(library/)?");

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

  /** A catalog image, to compare with what a learner wrote. */
  public static ImageReference of(DockerImageName image) {
    return parse(image.asCanonicalNameString());
  }

  /**
   * The repository as Docker Hub's own images are usually written: postgres, not
   * docker.io/library/postgres.
   */
  public String shortRepository() {
    return DOCKER_HUB_PREFIX.matcher(repository).replaceFirst("");
  }

  /**
   * The same repository (Docker Hub's prefix aside) with a tag that starts with {@code image}'s:
   * postgres:17.2 and docker.io/library/postgres:17-alpine are variants of postgres:17.
   */
  public boolean isVariantOf(ImageReference image) {
    return shortRepository().equals(image.shortRepository())
        && tag.orElse("").startsWith(image.tag().orElse(""));
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
