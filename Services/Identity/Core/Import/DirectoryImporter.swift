import Foundation
import GRDB
import Schema

/// Streams a carrier sync file into the directory (ID-1): records are read in chunks, validated,
/// hashed, and applied 10,000 per transaction. Bad rows are reported with their line and reason
/// while good rows load.
struct DirectoryImporter {
    let cipher: IdentityCipher
    let pool: DatabasePool
    var batchSize = 10_000

    /// Imports `url`. A full sync of `carrier` then cancels that carrier's active lines the file
    /// does not list — but only when every row of the file was read and valid, so a damaged file
    /// never cancels real lines.
    func run(url: URL, mode: SyncMode, carrier: Carrier?, now: Date,
             progress: (ImportReport) -> Void = { _ in }) throws -> ImportReport {
        var report = ImportReport(state: .running)
        if mode == .full, carrier == nil {
            report.state = .failed
            report.failure = ImportRowError(line: 0, code: "carrier_required", message: "a full sync names its carrier")
            return report
        }
        var reader: CSVReader
        do { reader = try CSVReader(url: url) } catch {
            report.state = .failed
            report.failure = ImportRowError(line: 0, code: error.code, message: "the sync file cannot be read")
            return report
        }
        var writer = DirectoryWriter(cipher: cipher)
        if mode == .full {
            writer.fullSync = try pool.read { db in
                (try Int64.fetchOne(db, sql: "SELECT MAX(full_sync) FROM identity_line") ?? 0) + 1
            }
        }
        var batch: [(row: DirectoryRow, ci: [UInt8], phone: [UInt8])] = []
        batch.reserveCapacity(batchSize)
        var first = true
        while true {
            let more: Bool
            do {
                more = try reader.next()
            } catch let error {
                if case .brokenQuote = error {
                    reject(&report, ImportRowError(line: error.line ?? 0, code: error.code, message: error.description))
                    continue
                }
                report.failure = ImportRowError(line: error.line ?? 0, code: error.code, message: error.description)
                break
            }
            guard more else { break }
            defer { first = false }
            if first, RowParser.isHeader(reader) { continue }
            report.rowsRead += 1
            switch RowParser.parse(reader) {
            case .failure(let error):
                reject(&report, error)
            case .success(let row):
                if mode == .full, row.carrier != carrier {
                    reject(&report, ImportRowError(line: reader.line, code: "carrier_mismatch",
                                                   message: "a full sync file lists only its own carrier's lines"))
                    continue
                }
                batch.append((row, cipher.ciHash(row.ci), cipher.phoneHash(row.phone)))
                if batch.count >= batchSize {
                    try flush(&batch, writer: writer, report: &report)
                    progress(report)
                }
            }
        }
        try flush(&batch, writer: writer, report: &report)
        if let generation = writer.fullSync, let carrier, report.failure == nil, report.rejected == 0 {
            let at = Int64(now.timeIntervalSince1970 * 1000)
            report.cancelledByFullSync = try pool.write { db in
                try db.execute(sql: """
                    UPDATE identity_line SET status = 1, updated_at = ? WHERE carrier = ? AND status = 0 AND full_sync != ?
                    """, arguments: [at, StoredCodes.code(carrier), generation])
                return db.changesCount
            }
        }
        report.state = report.failure == nil ? .finished : .failed
        return report
    }

    private func reject(_ report: inout ImportReport, _ error: ImportRowError) {
        report.rejected += 1
        if report.errors.count < ImportReport.errorListLimit { report.errors.append(error) }
    }

    private func flush(_ batch: inout [(row: DirectoryRow, ci: [UInt8], phone: [UInt8])], writer: DirectoryWriter,
                       report: inout ImportReport) throws {
        guard !batch.isEmpty else { return }
        let rows = batch
        let outcomes = try pool.write { db in
            var counts = (inserted: 0, updated: 0, unchanged: 0, stale: 0)
            for item in rows {
                switch try writer.apply(item.row, ciHash: item.ci, phoneHash: item.phone, in: db) {
                case .inserted: counts.inserted += 1
                case .updated: counts.updated += 1
                case .unchanged: counts.unchanged += 1
                case .stale: counts.stale += 1
                }
            }
            return counts
        }
        report.inserted += outcomes.inserted
        report.updated += outcomes.updated
        report.unchanged += outcomes.unchanged
        report.stale += outcomes.stale
        batch.removeAll(keepingCapacity: true)
    }
}
