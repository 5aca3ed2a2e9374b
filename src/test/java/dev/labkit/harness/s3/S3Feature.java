package dev.labkit.harness.s3;

/** Bucket features not every S3 backend implements. */
public enum S3Feature {
  BUCKET_CORS,
  BUCKET_LIFECYCLE
}
