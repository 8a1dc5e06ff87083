import Foundation
import GRDB
import Schema

/// Import jobs created by `ImportDirectoryFile` and run by `ImportWorker`; their reports are
/// kept as JSON for `ImportStatus`.
enum ImportJobs {
    static func create(_ request: ImportDirectoryFile, now: Date, in db: Database) throws -> ImportAccepted {
        guard request.path.hasPrefix("/") else {
            throw ErrorReply(code: .invalidPath, message: "the sync file path must be absolute", field: "path")
        }
        if request.mode == .full, request.carrier == nil {
            throw ErrorReply(code: .carrierRequired, message: "a full sync names its carrier", field: "carrier")
        }
        let id = "import-" + UUID().uuidString.lowercased()
        try db.execute(sql: """
            INSERT INTO identity_import_job (id, path, mode, carrier, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)
            """, arguments: [id, request.path, request.mode.rawValue, request.carrier?.rawValue,
                             Int64(now.timeIntervalSince1970 * 1000)])
        return ImportAccepted(jobId: id)
    }

    /// The oldest job not finished (pending, or running when the service stopped mid-way:
    /// imports are idempotent, so it simply runs again).
    static func nextOpen(in db: Database) throws -> (id: String, request: ImportDirectoryFile)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, path, mode, carrier FROM identity_import_job WHERE state IN ('pending', 'running') ORDER BY created_at, id LIMIT 1
            """) else { return nil }
        let carrier: String? = row[3]
        return (row[0], ImportDirectoryFile(path: row[1], mode: SyncMode(rawValue: row[2]) ?? .incremental,
                                            carrier: carrier.flatMap(Carrier.init(rawValue:))))
    }

    static func save(_ report: ImportReport, job: String, in db: Database) throws {
        try db.execute(sql: "UPDATE identity_import_job SET state = ?, report = ? WHERE id = ?",
                       arguments: [report.state.rawValue, Data(try PayloadCodec.encode(report)), job])
    }

    static func report(job: String, in db: Database) throws -> ImportReport {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, report FROM identity_import_job WHERE id = ?", arguments: [job]) else {
            throw ErrorReply(code: .jobNotFound, message: "no import job with this id", field: "jobId")
        }
        guard let data: Data = row[1] else {
            return ImportReport(state: ImportReport.State(rawValue: row[0]) ?? .pending)
        }
        return try PayloadCodec.decode(ImportReport.self, from: [UInt8](data))
    }
}
