package dev.labkit.harness.lab;

import dev.labkit.harness.run.LabRun;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a lab's check class and names its lab. The class gets the harness's run extension (report,
 * console, workspace), titles from the manifest, and runs its checks in manifest order. One
 * instance per run, so concurrent runs of the same class (the selftest) never share state.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabRun.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(CheckTitles.class)
@TestMethodOrder(ManifestOrder.class)
public @interface Lab {
  /** The lab id: the folder name under {@code labs/}. */
  String value();
}
