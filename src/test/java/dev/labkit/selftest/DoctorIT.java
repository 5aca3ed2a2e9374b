package dev.labkit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.labkit.harness.doctor.Doctor;
import dev.labkit.harness.doctor.Finding;
import dev.labkit.harness.run.KitRoot;
import org.junit.jupiter.api.Test;

/** On the machine that runs the selftest, everything the labs need is there: no FAIL. */
class DoctorIT {

  @Test
  void theSelftestMachineIsReadyForEveryLab() {
    // Failsafe passes the running Maven's version, as `mvn -Ddoctor` does.
    var maven = System.getProperty("labkit.mavenVersion", "");
    var findings = new Doctor(KitRoot.locate(), maven).examine();

    assertThat(findings)
        .as(
            "the doctor's findings:%n%s",
            String.join("\n", findings.stream().map(Finding::render).toList()))
        .noneMatch(finding -> finding.level() == Finding.Level.FAIL)
        .anyMatch(finding -> finding.topic().equals("Docker engine"));
  }
}
