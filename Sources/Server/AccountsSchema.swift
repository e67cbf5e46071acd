import GRDB

/// The accounts' tables in the server's database, created by migration "s1: accounts".
///
/// - `teams`: one row per team; every other row belongs to one.
/// - `users`: ids are UUIDv7; `email` is stored case-folded (lower-cased, trimmed) and
///   unique across the server, so one address is one account; `passwordHash` is bcrypt;
///   `role` is a `Role` raw value; `active` 0 once an admin deactivated them.
/// - `invites`: a code an admin hands out; single use (`usedBy`), revocable (`revokedAt`),
///   expiring (`expiresAt`), for one address (`email`, case-folded).
/// - `refresh_tokens`: only the SHA-256 of each token (hex) is kept; a used token points to
///   the one that replaced it (`replacedBy`) and is revoked.
/// - `secrets`: values the server generates once and keeps, by name (`jwt`: the access
///   tokens' signing key when no `--jwt-secret-file` is given).
///
/// Dates are GRDB's UTC text dates (`yyyy-MM-dd HH:mm:ss.SSS`), so they sort as text.
public enum AccountsSchema {
  public static func migrate(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE teams (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          createdAt TEXT NOT NULL
        );
        CREATE TABLE users (
          id TEXT PRIMARY KEY NOT NULL,
          teamId TEXT NOT NULL REFERENCES teams(id),
          email TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          passwordHash TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'rep')),
          active INTEGER NOT NULL DEFAULT 1,
          createdAt TEXT NOT NULL,
          updatedAt TEXT NOT NULL
        );
        CREATE INDEX users_by_team ON users(teamId, id);
        CREATE TABLE invites (
          code TEXT PRIMARY KEY NOT NULL,
          teamId TEXT NOT NULL REFERENCES teams(id),
          email TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'rep')),
          createdBy TEXT NOT NULL REFERENCES users(id),
          createdAt TEXT NOT NULL,
          expiresAt TEXT NOT NULL,
          usedBy TEXT REFERENCES users(id),
          revokedAt TEXT
        );
        CREATE INDEX invites_by_team ON invites(teamId, createdAt);
        CREATE TABLE refresh_tokens (
          hash TEXT PRIMARY KEY NOT NULL,
          userId TEXT NOT NULL REFERENCES users(id),
          createdAt TEXT NOT NULL,
          expiresAt TEXT NOT NULL,
          revokedAt TEXT,
          replacedBy TEXT
        );
        CREATE INDEX refresh_tokens_by_user ON refresh_tokens(userId);
        CREATE TABLE secrets (
          name TEXT PRIMARY KEY NOT NULL,
          value BLOB NOT NULL
        );
        """)
  }
}
