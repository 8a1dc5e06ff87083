import Formats
import Foundation
import GRDB
import Schema

/// Streams a carrier sync file into the directory (ID-1): records are read in chunks, validated,
/// hashed and sealed on all cores, and applied 50,000 per transaction. Bad rows are reported
/// with their line and reason while good rows load.
///
/// Pipelined: while one batch is written (SQLite, one writer thread) the next is parsed and
/// sealed; batches are still written one after another, in file order.
struct DirectoryImporter {
    let cipher: IdentityCipher
    let pool: DatabasePool
    /// Rows per write transaction. Every row lands at random places in two hash indexes, so a
    /// commit rewrites most index pages whatever its size: fewer, larger commits cut the
    /// writer's work per row by about a quarter (measured 15 → 11 µs CPU per row going from
    /// 10,000 to 50,000), while holding the writer for well under a second per batch.
    var batchSize = 50_000
    /// Bytes read from the file at a time.
    static let chunkSize = 1 << 20

    /// Imports `url`. A full sync of `carrier` then cancels that carrier's active lines the file
    /// does not list — but only when every row of the file was read and valid, so a damaged file
    /// never cancels real lines.
    func run(url: URL, mode: SyncMode, carrier: Carrier?, now: Date,
             progress: (ImportReport) -> Void = { _ in }) throws -> ImportReport {
        var report = ImportReport(state: .running)
        if mode == .full, carrier == nil {
            report.state = .failed
            report.failure = ImportRowError(line: 0, code: .carrierRequired, message: "a full sync names its carrier")
            return report
        }
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            report.state = .failed
            report.failure = ImportRowError(line: 0, code: .unreadableFile, message: "the sync file cannot be read")
            return report
        }
        defer { try? handle.close() }
        var writer = DirectoryWriter()
        if mode == .full {
            writer.fullSync = try pool.read { db in
                (try Int64.fetchOne(db, sql: "SELECT MAX(full_sync) FROM identity_line") ?? 0) + 1
            }
        }
        let preparer = try RowPreparer(cipher: cipher)
        let pipeline = WritePipeline(pool: pool, writer: writer)
        var batch: [DirectoryRow] = []
        batch.reserveCapacity(batchSize)
        var first = true
        // The platform's one CSV reader (Formats); the field count is checked there.
        var reader = CSVReader(columns: .exactly(RowParser.columns.count))
        func take(_ record: CSVRecord) throws {
            defer { first = false }
            if let error = record.error {
                let rowError = ImportRowError(line: error.line, code: ErrorCode(wire: error.code), message: error.reason)
                if case .unterminatedQuote = error {
                    report.failure = rowError   // the rest of the file is that one open field
                    return
                }
                if case .raggedRow = error { report.rowsRead += 1 }
                reject(&report, rowError)
                return
            }
            if first, RowParser.isHeader(record) { return }
            report.rowsRead += 1
            switch RowParser.parse(record) {
            case .failure(let error):
                reject(&report, error)
            case .success(let row):
                if mode == .full, row.carrier != carrier {
                    reject(&report, ImportRowError(line: record.line, code: .carrierMismatch,
                                                   message: "a full sync file lists only its own carrier's lines"))
                    return
                }
                batch.append(row)
                if batch.count >= batchSize {
                    try pipeline.submit(preparer.prepareInPhoneOrder(batch), report: &report)
                    batch.removeAll(keepingCapacity: true)
                    progress(report)
                }
            }
        }
        while true {
            let data: Data
            do { data = try handle.read(upToCount: Self.chunkSize) ?? Data() } catch {
                report.failure = ImportRowError(line: 0, code: .unreadableFile, message: "the sync file cannot be read")
                break
            }
            if data.isEmpty {
                try reader.finish(take)
                break
            }
            try data.withUnsafeBytes { try reader.feed(raw: $0, take) }
        }
        if !batch.isEmpty { try pipeline.submit(preparer.prepareInPhoneOrder(batch), report: &report) }
        try pipeline.finish(report: &report)
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
}
