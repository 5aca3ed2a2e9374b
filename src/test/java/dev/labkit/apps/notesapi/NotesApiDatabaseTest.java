package dev.labkit.apps.notesapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class NotesApiDatabaseTest {

  @Test
  void theNotesApiReadsItsDatabaseFromTheDbVariables() {
    var db = new NotesApiDatabase("10.0.0.7", 5432, "notes", "notes", "secret");

    assertThat(db.settings())
        .containsOnly(
            entry("DB_HOST", "10.0.0.7"),
            entry("DB_PORT", "5432"),
            entry("DB_NAME", "notes"),
            entry("DB_USER", "notes"),
            entry("DB_PASSWORD", "secret"));
  }
}
