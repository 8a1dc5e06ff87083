import Foundation
import GRDB
import Metrics
import Schema

/// The `integrity_finding` table: documents flagged because a re-check before issuing found
/// them altered (issue 19). One row per finding, with when, during what, and what differed.
/// Rows are only ever added; a document is flagged while it has any.
public enum IntegrityFindings {
    /// Counted once per refused operation, by operation (`issuance:original`, `destruction`, …).
    public static let metric = "vault_integrity_failures_total"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE integrity_finding (
                id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, found_at INTEGER NOT NULL,
                operation TEXT NOT NULL, code TEXT NOT NULL, detail TEXT NOT NULL);
            CREATE INDEX integrity_finding_document ON integrity_finding(document_id, id);
            """)
    }

    /// Flags the document with every finding of `failure` and counts it in the metric.
    public static func record(_ failure: IntegrityFailure, now: Date, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO integrity_finding (document_id, found_at, operation, code, detail) VALUES (?, ?, ?, ?, ?)
            """)
        for finding in failure.findings {
            try statement.execute(arguments: [failure.documentId, VaultKeys.millis(now), failure.operation, finding.code, finding.detail])
        }
        Counter(label: metric, dimensions: [("operation", failure.operation)]).increment()
    }

    /// A flagged document's findings, oldest first (empty: not flagged).
    public static func of(_ documentId: String, in db: Database) throws -> [IntegrityFlag] {
        try Row.fetchAll(db, sql: """
            SELECT document_id, found_at, operation, code, detail FROM integrity_finding WHERE document_id = ? ORDER BY id
            """, arguments: [documentId]).map(flag)
    }

    /// The newest findings of the whole store, newest first, and how many documents are flagged.
    public static func recent(limit: Int, in db: Database) throws -> (documents: Int, findings: [IntegrityFlag]) {
        let documents = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT document_id) FROM integrity_finding") ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT document_id, found_at, operation, code, detail FROM integrity_finding ORDER BY id DESC LIMIT ?
            """, arguments: [limit])
        return (documents, rows.map(flag))
    }

    private static func flag(_ row: Row) -> IntegrityFlag {
        IntegrityFlag(documentId: row["document_id"], foundAt: CertificateIssuer.date(row["found_at"]),
                      operation: row["operation"], code: row["code"], detail: row["detail"])
    }
}
