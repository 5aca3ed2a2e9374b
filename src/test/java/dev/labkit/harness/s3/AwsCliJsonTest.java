package dev.labkit.harness.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.feedback.Feedback;
import org.junit.jupiter.api.Test;

class AwsCliJsonTest {

  @Test
  void readsTheCorsShapeTheCliTakes() {
    var feedback = new Feedback();
    var cors =
        AwsCliJson.cors(
            "cors.json",
            """
        {"CORSRules": [{"ID": "web", "AllowedOrigins": ["http://localhost:3000"], "AllowedMethods": ["PUT", "GET"],
          "AllowedHeaders": ["Content-Type"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600}]}
        """,
            feedback);
    assertThat(feedback.problems()).isEmpty();
    var rule = cors.orElseThrow().corsRules().get(0);
    assertThat(rule.id()).isEqualTo("web");
    assertThat(rule.allowedOrigins()).containsExactly("http://localhost:3000");
    assertThat(rule.exposeHeaders()).containsExactly("ETag");
    assertThat(rule.maxAgeSeconds()).isEqualTo(600);
  }

  @Test
  void readsLifecycleRulesWithFiltersAndLegacyPrefix() {
    var feedback = new Feedback();
    var lifecycle =
        AwsCliJson.lifecycle(
            "lifecycle.json",
            """
        {"Rules": [
          {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 1}},
          {"ID": "mpu", "Status": "Enabled", "Prefix": "", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
          {"ID": "and", "Status": "Disabled", "Filter": {"And": {"Prefix": "x/", "Tags": [{"Key": "a", "Value": "b"}]}},
           "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}], "Expiration": {"Date": "2030-01-01T00:00:00Z"}}
        ]}
        """,
            feedback);
    assertThat(feedback.problems()).isEmpty();
    var rules = lifecycle.orElseThrow().rules();
    assertThat(rules.get(0).filter().prefix()).isEqualTo("tmp/");
    assertThat(rules.get(0).expiration().days()).isEqualTo(1);
    assertThat(rules.get(1).prefix()).isEmpty();
    assertThat(rules.get(1).abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);
    assertThat(rules.get(2).filter().and().tags()).hasSize(1);
  }

  @Test
  void pointsAtTheLineOfMalformedJson() {
    var feedback = new Feedback();
    AwsCliJson.cors(
        "bucket/cors.json",
        "{\n  \"CORSRules\": [\n    {\"AllowedOrigins\": [\"x\"],}\n  ]\n}\n",
        feedback);
    var problem = feedback.problems().get(0);
    assertThat(problem.file()).isEqualTo("bucket/cors.json");
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.message()).startsWith("not valid JSON");
    System.out.println(problem.describe());
  }

  @Test
  void namesAnUnknownFieldAndTheKnownOnes() {
    var feedback = new Feedback();
    AwsCliJson.cors("cors.json", "{\"CORSRules\": [{\"AllowedOrigin\": [\"x\"]}]}", feedback);
    var problem = feedback.problems().get(0);
    System.out.println(problem.describe());
    assertThat(problem.message()).contains("CORSRules[0]");
    assertThat(problem.actual()).isEqualTo("\"AllowedOrigin\"");
    assertThat(problem.expected()).contains("AllowedOrigins", "AllowedMethods", "ExposeHeaders");
  }

  @Test
  void reportsAWrongType() {
    var feedback = new Feedback();
    AwsCliJson.lifecycle(
        "lifecycle.json", "{\"Rules\": [{\"Expiration\": {\"Days\": \"one\"}}]}", feedback);
    System.out.println(feedback.problems().get(0).describe());
    assertThat(feedback.problems().get(0).message()).contains("Rules[0].Expiration.Days");
  }
}
