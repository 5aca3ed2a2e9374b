#!/usr/bin/env bash
# Records what the presigned-url lab's rule tests read (RecordedS3) from LocalStack 4.14.0, the
# kit's pinned S3: URLs the solution's and the mistakes' PhotoUrls issue, S3's answers to requests
# sent to them, and S3's CORS answers (see Record.java). Needs Docker and the kit's unit tests
# compiled (mvn test-compile); run from anywhere, it writes beside itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../../../.." && pwd)
name=labkit-record-s3-$$
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT

docker run -d --name "$name" -p 127.0.0.1::4566 -e SERVICES=s3 -e S3_SKIP_SIGNATURE_VALIDATION=0 \
  localstack/localstack:4.14.0 >/dev/null
until docker logs "$name" 2>&1 | grep -q '^Ready\.'; do sleep 1; done
port=$(docker port "$name" 4566 | head -n 1 | cut -d: -f2)

(cd "$kit" && mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$here/.classpath" >/dev/null)
cp=$kit/target/test-classes:$(cat "$here/.classpath")
rm -f "$here/.classpath"
cd "$here"
java -cp "$cp" Record.java "http://127.0.0.1:$port" "$kit/labs/presigned-url"
