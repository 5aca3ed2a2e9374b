package dev.labkit.harness.s3;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * What a bucket's lifecycle rules do to a given object, the way S3 applies them: only enabled
 * rules, matched by prefix (from {@code Filter}, {@code Filter.And} or the legacy top-level {@code
 * Prefix}). Rules that filter on tags or object size never match an untagged object of unknown
 * size, which is what a learner's photos and temporary files are.
 */
public final class LifecycleRules {

  private final List<LifecycleRule> rules;

  public LifecycleRules(List<LifecycleRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The smallest number of days after which an object with this key expires, if any rule expires
   * it.
   */
  public Optional<Integer> expirationDays(String key) {
    return applying(key).stream()
        .map(LifecycleRule::expiration)
        .filter(Objects::nonNull)
        .map(expiration -> expiration.days())
        .filter(Objects::nonNull)
        .min(Integer::compare);
  }

  /** True when some rule expires this key by a fixed date rather than after a number of days. */
  public boolean expiresByDate(String key) {
    return applying(key).stream()
        .anyMatch(rule -> rule.expiration() != null && rule.expiration().date() != null);
  }

  /**
   * Days after which an unfinished multipart upload to this key is aborted, if any rule says so.
   */
  public Optional<Integer> abortIncompleteUploadDays(String key) {
    return applying(key).stream()
        .map(LifecycleRule::abortIncompleteMultipartUpload)
        .filter(Objects::nonNull)
        .map(abort -> abort.daysAfterInitiation())
        .filter(Objects::nonNull)
        .min(Integer::compare);
  }

  private List<LifecycleRule> applying(String key) {
    return rules.stream()
        .filter(rule -> rule.status() == ExpirationStatus.ENABLED)
        .filter(rule -> matches(rule, key))
        .toList();
  }

  private static boolean matches(LifecycleRule rule, String key) {
    var filter = rule.filter();
    if (filter == null) {
      return key.startsWith(Objects.requireNonNullElse(rule.prefix(), ""));
    }
    if (filter.tag() != null
        || filter.objectSizeGreaterThan() != null
        || filter.objectSizeLessThan() != null) {
      return false;
    }
    if (filter.and() != null) {
      var and = filter.and();
      boolean narrowed =
          (and.tags() != null && !and.tags().isEmpty())
              || and.objectSizeGreaterThan() != null
              || and.objectSizeLessThan() != null;
      return !narrowed && key.startsWith(Objects.requireNonNullElse(and.prefix(), ""));
    }
    return key.startsWith(Objects.requireNonNullElse(filter.prefix(), ""));
  }
}
