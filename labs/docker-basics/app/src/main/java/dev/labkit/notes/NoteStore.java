package dev.labkit.notes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Notes in the PostgreSQL table {@code notes}; one short connection per request. */
final class NoteStore {

  record Note(long id, String text) {}

  private final DatabaseSettings settings;

  NoteStore(DatabaseSettings settings) {
    this.settings = settings;
  }

  void createTable() throws SQLException {
    try (var db = connect();
        var create = db.createStatement()) {
      create.execute(
          "CREATE TABLE IF NOT EXISTS notes (id BIGSERIAL PRIMARY KEY, text TEXT NOT NULL)");
    }
  }

  Note add(String text) throws SQLException {
    try (var db = connect();
        var insert = db.prepareStatement("INSERT INTO notes (text) VALUES (?) RETURNING id")) {
      insert.setString(1, text);
      try (var row = insert.executeQuery()) {
        row.next();
        return new Note(row.getLong(1), text);
      }
    }
  }

  List<Note> all() throws SQLException {
    try (var db = connect();
        var select = db.createStatement();
        var rows = select.executeQuery("SELECT id, text FROM notes ORDER BY id")) {
      var notes = new ArrayList<Note>();
      while (rows.next()) {
        notes.add(new Note(rows.getLong(1), rows.getString(2)));
      }
      return notes;
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
