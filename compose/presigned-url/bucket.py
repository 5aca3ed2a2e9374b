"""The lab's bucket in the by-hand S3 (compose/presigned-url.yaml), with boto3 from the LocalStack image.

  apply                           create the bucket "photos", then give it YOUR bucket/cors.json and
                                  bucket/lifecycle.json, as put-bucket-cors and
                                  put-bucket-lifecycle-configuration would
  apply-and-stay                  the same, then stay up (healthy) until stopped: what `up --wait` waits for
  presign-put KEY TYPE [SECONDS]  print a presigned PUT for KEY with the Content-Type TYPE signed
  presign-get KEY [SECONDS]       print a presigned GET for KEY

URLs are signed for http://localhost:4566, the address curl uses on your machine: the host is part
of the signature, so a URL signed for another address is refused there.
"""

import json
import os
import signal
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

BUCKET = "photos"
APPLIED = "/tmp/applied"  # the compose file's health check: apply-and-stay has applied both files


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )


def learner_file(name):
    path = "/bucket/" + name
    try:
        with open(path) as file:
            return json.load(file)
    except json.JSONDecodeError as e:
        sys.exit(f"bucket/{name}:{e.lineno}:{e.colno}: not JSON: {e.msg}")


def apply():
    s3 = client("http://localstack:4566")
    try:
        s3.create_bucket(Bucket=BUCKET)
    except s3.exceptions.BucketAlreadyOwnedByYou:
        pass
    for name, put in [
        ("cors.json", lambda doc: s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration=doc)),
        (
            "lifecycle.json",
            lambda doc: s3.put_bucket_lifecycle_configuration(
                Bucket=BUCKET, LifecycleConfiguration=doc
            ),
        ),
    ]:
        try:
            put(learner_file(name))
        except (ClientError, ParamValidationError) as e:
            sys.exit(f"bucket/{name}: S3 refused it: {e}")
        print(f"bucket {BUCKET}: bucket/{name} applied")


def presign(method, key, content_type=None, seconds="300"):
    params = {"Bucket": BUCKET, "Key": key}
    if content_type:
        params["ContentType"] = content_type
    print(
        client("http://localhost:4566").generate_presigned_url(
            method, Params=params, ExpiresIn=int(seconds)
        )
    )


def apply_and_stay():
    if os.path.exists(APPLIED):
        os.remove(APPLIED)  # a restart applies the files again before it is healthy
    apply()
    open(APPLIED, "w").close()
    # PID 1 ignores SIGTERM unless it handles it: without this `down` would wait 10 s for SIGKILL.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.pause()


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("apply", [])
    if command == "apply":
        apply()
    elif command == "apply-and-stay":
        apply_and_stay()
    elif command == "presign-put" and 2 <= len(args) <= 3:
        presign("put_object", *args)
    elif command == "presign-get" and 1 <= len(args) <= 2:
        presign("get_object", args[0], None, *args[1:])
    else:
        sys.exit(__doc__)
