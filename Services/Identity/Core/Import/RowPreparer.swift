import Foundation
import Runtime

/// Hashes and seals a batch of rows on all cores (ID-5 work is the CPU-heavy part of an import),
/// each worker with its own `CipherSession`, keeping the batch's order.
final class RowPreparer: @unchecked Sendable {
    // @unchecked: `sessions[w]` is used only by worker `w` of one `prepare` call at a time, and
    // `prepare` is called by one thread (the importer) — no session is ever shared.
    private let sessions: [CipherSession]

    init(cipher: IdentityCipher, workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) throws {
        sessions = try (0..<workers).map { _ in try cipher.session() }
    }

    /// The rows with hashes and boxes, ordered by phone key — rows of one phone keep their file
    /// order, and rows of different phones never touch the same line, so the outcome is that of
    /// file order. In key order the writer walks the phone index from one end to the other
    /// instead of landing on a random page for each row. The first sealing failure is thrown.
    func prepareInPhoneOrder(_ rows: [DirectoryRow]) throws -> [PreparedRow] {
        var prepared = try prepare(rows)
        prepared.sort { ($0.phoneKey, $0.sequence) < ($1.phoneKey, $1.sequence) }
        return prepared
    }

    /// The rows with hashes and boxes, in the same order; the first sealing failure is thrown.
    func prepare(_ rows: [DirectoryRow]) throws -> [PreparedRow] {
        let ranges = ParallelParts.ranges(rows.count, parts: sessions.count)
        return try ParallelParts.run(ranges.count) { worker in
            let session = sessions[worker]
            return try ranges[worker].map { index in
                let row = rows[index]
                let ciHash = session.ciHash(row.ci)
                let phoneHash = session.phoneHash(row.phone)
                return PreparedRow(row: row, ciHash: ciHash, phoneHash: phoneHash, phoneKey: LookupKey.of(phoneHash), sequence: index,
                                   ciSealed: try session.seal(row.ci, hash: ciHash),
                                   phoneSealed: try session.seal(row.phone, hash: phoneHash))
            }
        }.flatMap { $0 }
    }
}
