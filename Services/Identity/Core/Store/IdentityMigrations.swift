import GRDB
import Store

/// The identity store's schema. CIs and phones appear only sealed (`*_sealed`) and as keyed
/// hashes (`*_hash`); enums are small integers (`StoredCodes`).
enum IdentityMigrations {
    static let all: [Migration] = [
        Migration("identity-v1") { db in
            try db.execute(sql: """
                CREATE TABLE identity_line (
                    id INTEGER PRIMARY KEY,
                    ci_hash BLOB NOT NULL,
                    phone_hash BLOB NOT NULL UNIQUE,
                    carrier INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    mvno_host INTEGER,
                    status INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    ci_sealed BLOB NOT NULL,
                    phone_sealed BLOB NOT NULL,
                    full_sync INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX identity_line_ci ON identity_line(ci_hash);
                CREATE TABLE identity_consent (
                    id TEXT PRIMARY KEY,
                    person_hash BLOB NOT NULL,
                    third_party TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    given_at INTEGER NOT NULL,
                    withdrawn_at INTEGER
                );
                CREATE INDEX identity_consent_person ON identity_consent(person_hash, third_party);
                CREATE TABLE identity_ledger (
                    id INTEGER PRIMARY KEY,
                    person_hash BLOB NOT NULL,
                    recipient TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    basis TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    refusal TEXT,
                    operators TEXT NOT NULL,
                    at INTEGER NOT NULL
                );
                CREATE INDEX identity_ledger_person ON identity_ledger(person_hash);
                CREATE TABLE identity_lawful_request (
                    id TEXT PRIMARY KEY,
                    person_hash BLOB NOT NULL,
                    authority TEXT NOT NULL,
                    warrant TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    filed_by TEXT NOT NULL,
                    filed_at INTEGER NOT NULL,
                    approved_by TEXT,
                    approved_at INTEGER
                );
                CREATE TABLE identity_import_job (
                    id TEXT PRIMARY KEY,
                    path TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    carrier TEXT,
                    state TEXT NOT NULL,
                    report BLOB,
                    created_at INTEGER NOT NULL
                );
                """)
        },
        // Person lookups by an integer prefix of the hash (see `LookupKey`): smaller, faster
        // indexes for imports, resolves and the ledger.
        Migration("identity-v2-lookup-keys") { db in
            try db.execute(sql: "ALTER TABLE identity_line ADD COLUMN ci_key INTEGER NOT NULL DEFAULT 0")
            try LookupKey.backfill("identity_line", column: "ci_key", from: "ci_hash", in: db)
            try db.execute(sql: "DROP INDEX identity_line_ci")
            try db.execute(sql: "CREATE INDEX identity_line_ci_key ON identity_line(ci_key)")
            try db.execute(sql: "ALTER TABLE identity_ledger ADD COLUMN person_key INTEGER NOT NULL DEFAULT 0")
            try LookupKey.backfill("identity_ledger", column: "person_key", from: "person_hash", in: db)
            try db.execute(sql: "DROP INDEX identity_ledger_person")
            try db.execute(sql: "CREATE INDEX identity_ledger_person_key ON identity_ledger(person_key)")
        },
        // Lines found by phone through an integer prefix too, like people. The UNIQUE index of
        // 32-byte phone hashes was two thirds of the pages an import rewrites at every commit;
        // one phone is one line because every write finds the phone's line first
        // (`PhoneLookup`) on the single writer connection. SQLite cannot drop a column's
        // UNIQUE, so the table is rebuilt.
        Migration("identity-v3-phone-keys") { db in
            try db.execute(sql: """
                CREATE TABLE identity_line_v3 (
                    id INTEGER PRIMARY KEY,
                    ci_hash BLOB NOT NULL,
                    ci_key INTEGER NOT NULL,
                    phone_hash BLOB NOT NULL,
                    phone_key INTEGER NOT NULL,
                    carrier INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    mvno_host INTEGER,
                    status INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    ci_sealed BLOB NOT NULL,
                    phone_sealed BLOB NOT NULL,
                    full_sync INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO identity_line_v3 (id, ci_hash, ci_key, phone_hash, phone_key, carrier, kind, mvno_host, status,
                                              updated_at, ci_sealed, phone_sealed, full_sync)
                SELECT id, ci_hash, ci_key, phone_hash, 0, carrier, kind, mvno_host, status, updated_at, ci_sealed, phone_sealed, full_sync
                FROM identity_line;
                DROP TABLE identity_line;
                ALTER TABLE identity_line_v3 RENAME TO identity_line;
                """)
            try LookupKey.backfill("identity_line", column: "phone_key", from: "phone_hash", in: db)
            try db.execute(sql: """
                CREATE INDEX identity_line_ci_key ON identity_line(ci_key);
                CREATE INDEX identity_line_phone_key ON identity_line(phone_key);
                """)
        },
    ]
}
