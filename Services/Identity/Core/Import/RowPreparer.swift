import Foundation

/// Hashes and seals a batch of rows on all cores (ID-5 work is the CPU-heavy part of an import),
/// each worker with its own `CipherSession`, keeping the batch's order.
final class RowPreparer: @unchecked Sendable {
    // @unchecked: `sessions[w]` is used only by worker `w` of one `prepare` call at a time, and
    // `prepare` is called by one thread (the importer) — no session is ever shared.
    private let sessions: [CipherSession]

    init(cipher: IdentityCipher, workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) throws {
        sessions = try (0..<workers).map { _ in try cipher.session() }
    }

    /// The rows with hashes and boxes, ordered by phone hash — rows of one phone keep their file
    /// order, and rows of different phones never touch the same line, so the outcome is that of
    /// file order. In hash order the inserts walk the phone index from one end to the other
    /// instead of landing on a random page each. The first sealing failure is thrown.
    func prepareInPhoneOrder(_ rows: [DirectoryRow]) throws -> [PreparedRow] {
        let prepared = try prepare(rows)
        let order = prepared.indices.sorted { left, right in
            let a = prepared[left].phoneHash, b = prepared[right].phoneHash
            return a.lexicographicallyPrecedes(b) || (a == b && left < right)
        }
        return order.map { prepared[$0] }
    }

    /// The rows with hashes and boxes, in the same order; the first sealing failure is thrown.
    func prepare(_ rows: [DirectoryRow]) throws -> [PreparedRow] {
        let workers = sessions.count
        let per = (rows.count + workers - 1) / max(workers, 1)
        let slots = ResultSlots(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let session = sessions[worker]
            let range = min(rows.count, worker * per)..<min(rows.count, (worker + 1) * per)
            slots.set(worker, Result {
                try rows[range].map { row in
                    let ciHash = session.ciHash(row.ci)
                    let phoneHash = session.phoneHash(row.phone)
                    return PreparedRow(row: row, ciHash: ciHash, phoneHash: phoneHash,
                                       ciSealed: try session.seal(row.ci, hash: ciHash),
                                       phoneSealed: try session.seal(row.phone, hash: phoneHash))
                }
            })
        }
        return try slots.values().flatMap { $0 }
    }
}

/// One result per worker, written from `concurrentPerform`.
private final class ResultSlots: @unchecked Sendable {
    // Each slot is written by exactly one worker; the lock guards the array's storage.
    private var results: [Result<[PreparedRow], any Error>?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<[PreparedRow], any Error>) {
        lock.withLock { results[index] = result }
    }

    func values() throws -> [[PreparedRow]] {
        try lock.withLock { results }.map { try ($0 ?? .failure(CancellationError())).get() }
    }
}
