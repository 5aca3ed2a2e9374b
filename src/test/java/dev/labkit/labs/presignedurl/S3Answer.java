package dev.labkit.labs.presignedurl;

import dev.labkit.harness.http.RawHttp;
import io.restassured.response.Response;

/**
 * What S3 answered a request the kit sent to a presigned URL: the status, how the messages quote
 * the answer ({@link RawHttp#s3Error}: "403 SignatureDoesNotMatch (…)", or the status line) and the
 * body (a downloaded photo).
 */
record S3Answer(int status, String error, byte[] body) {

  static S3Answer of(Response response) {
    return new S3Answer(response.statusCode(), RawHttp.s3Error(response), response.asByteArray());
  }
}
