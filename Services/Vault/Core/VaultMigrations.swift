import Schema
import GRDB
import Store

/// The vault's tables. Documents and the log refuse updates and deletes by trigger (WORM, VA-3);
/// what may change about a document (legal hold, destruction) lives in `document_state`.
enum VaultMigrations {
    static let all: [Migration] = [
        Migration("vault-v1") { db in
            try EvidenceLog.migrate(db)
            try db.execute(sql: """
                CREATE TABLE signing_key (key_id TEXT PRIMARY KEY, public_key BLOB NOT NULL,
                    active_from INTEGER NOT NULL, retired_at INTEGER);
                CREATE TABLE institution_key (institution TEXT PRIMARY KEY, wrapped BLOB NOT NULL);
                CREATE TABLE document (
                    document_id TEXT PRIMARY KEY, package_id TEXT NOT NULL, institution TEXT NOT NULL,
                    file_name TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, keywords TEXT NOT NULL,
                    description TEXT NOT NULL, size INTEGER NOT NULL, content_hash TEXT NOT NULL,
                    registered_at INTEGER NOT NULL, retention_until INTEGER NOT NULL, leaf_index INTEGER NOT NULL,
                    time_stamp BLOB NOT NULL);
                CREATE INDEX document_institution ON document(institution, registered_at);
                CREATE TRIGGER document_no_update BEFORE UPDATE ON document BEGIN SELECT RAISE(ABORT, 'documents are write-once'); END;
                CREATE TRIGGER document_no_delete BEFORE DELETE ON document BEGIN SELECT RAISE(ABORT, 'documents are write-once'); END;
                CREATE TABLE document_state (
                    document_id TEXT PRIMARY KEY REFERENCES document(document_id), legal_hold INTEGER NOT NULL DEFAULT 0,
                    hold_reason TEXT, destroyed_at INTEGER, destruction_order TEXT);
                CREATE TABLE checkpoint (
                    size INTEGER PRIMARY KEY, origin TEXT NOT NULL, root BLOB NOT NULL, signed_at INTEGER NOT NULL, key_id TEXT NOT NULL,
                    signature BLOB NOT NULL, time_stamp BLOB NOT NULL);
                CREATE TABLE certificate (
                    serial TEXT PRIMARY KEY, kind TEXT NOT NULL, document_id TEXT NOT NULL, issued_at INTEGER NOT NULL,
                    json TEXT NOT NULL, signature BLOB NOT NULL, key_id TEXT NOT NULL);
                CREATE INDEX certificate_document ON certificate(document_id);
                CREATE TABLE access_grant (
                    grant_id TEXT PRIMARY KEY, document_id TEXT NOT NULL, notice_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
                CREATE TABLE notice_evidence (
                    notice_id TEXT NOT NULL, kind TEXT NOT NULL, document_id TEXT NOT NULL, institution TEXT NOT NULL,
                    recipient_masked TEXT NOT NULL, sent_at INTEGER NOT NULL, occurred_at INTEGER NOT NULL,
                    leaf_index INTEGER NOT NULL, PRIMARY KEY (notice_id, kind));
                CREATE TABLE metering_state (id INTEGER PRIMARY KEY CHECK (id = 1), last_day TEXT NOT NULL);
                """)
        },
        // Documents flagged by the re-check before issuing (issue 19).
        Migration("vault-v2-integrity") { db in try IntegrityFindings.migrate(db) },
    ]
}
