package dev.labkit.harness.report;

/**
 * What a grade can be traced to: the kit's version (its git commit, or what {@code
 * -Dlabkit.version} names), a hash of what the verdict depends on ({@code CheckSources}: the
 * harness, the lab's check classes, its lab.yaml, the images and the kit files it names) and a hash
 * of the graded files; and whether the learner saw hints.
 */
public record Provenance(
    String kitVersion, String checksHash, String filesHash, boolean hintsShown) {}
