import Foundation
import GRDB
import Runtime
import Schema

/// Resolution for notices (ID-2 + ID-6 a): validates, resolves in one read, then appends one
/// ledger row per released line ("to <requester> for notice X") in one write — before the
/// answer leaves, so no line is ever released unledgered. Unreachable answers release nothing
/// and are not ledgered.
struct NoticeResolver: Sendable {
    let resolver: LineResolver
    let pool: DatabasePool
    /// Readers a big batch is spread over: one per core.
    var readers = ProcessInfo.processInfo.activeProcessorCount

    static let releasedFields: [DisclosedField] = [.carrier, .phone]

    func resolve(_ request: ResolveCI, requester: String, now: Date) throws -> Resolution {
        try resolve(cis: [request.ci], noticeIds: [request.noticeId], institution: request.institution,
                    seed: request.seed, requester: requester, now: now, field: { _ in "ci" })[0]
    }

    func resolve(_ request: ResolveBatch, requester: String, now: Date) throws -> [Resolution] {
        guard request.cis.count <= ResolveBatch.maximumCount else { throw IdentityErrors.tooMany(request.cis.count) }
        guard request.noticeIds.count == request.cis.count else { throw IdentityErrors.countMismatch }
        return try resolve(cis: request.cis, noticeIds: request.noticeIds, institution: request.institution,
                           seed: request.seed, requester: requester, now: now, field: { "cis.\($0)" })
    }

    private func resolve(cis: [String], noticeIds: [String], institution: String, seed: UInt64?, requester: String,
                         now: Date, field: @Sendable (Int) -> String) throws -> [Resolution] {
        guard !institution.isEmpty else { throw IdentityErrors.missing("institution") }
        // A big batch is hashed on all cores, each part with its own OpenSSL contexts; a single
        // CI does not repay setting them up.
        let hashes: [[UInt8]]
        if cis.count == 1 {
            guard let bytes = CICodec.decode(cis[0]) else { throw IdentityErrors.invalidCI(field: field(0)) }
            hashes = [resolver.cipher.ciHash(bytes)]
        } else {
            let parts = Self.parts(cis.count, readers: readers)
            hashes = try ParallelParts.run(parts.count) { part in
                let session = try resolver.cipher.session()
                return try parts[part].map { index in
                    guard let bytes = CICodec.decode(cis[index]) else { throw IdentityErrors.invalidCI(field: field(index)) }
                    return session.ciHash(bytes)
                }
            }.flatMap { $0 }
        }
        let seed = seed ?? UInt64.random(in: .min ... .max)
        let template = LedgerRecord(
            personHash: [], recipient: requester, fields: Self.releasedFields, purpose: "notice from \(institution)",
            basis: .notice, reference: "", outcome: .released, at: now)
        if hashes.count == 1 {
            // A lone CI (a notice sent one by one): looked up and ledgered in one transaction on
            // the writer, whose page cache a ledger commit does not empty — one hop, not two.
            var generator = SplitMix64(seed: seed)
            return try pool.write { db in
                let result = try resolver.resolve(ciHash: hashes[0], in: db, using: &generator)
                if result.line != nil { try DisclosureLedger.append(template, people: [(hashes[0], noticeIds[0])], in: db) }
                return [result]
            }
        }
        // In the order of the person index, not the request's: consecutive lookups walk the
        // index's pages from one end to the other (hot in the CPU cache) instead of landing on
        // a random page each, and so do the ledger's inserts into its own person index.
        let keys = hashes.map(LookupKey.of)
        let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        // A big batch is read on all cores, each part a contiguous stretch of that order in a
        // read transaction of its own, in chunks whose ledger rows are written (on the writer)
        // while the next chunk is read. The answer leaves only after every row is committed; if
        // a chunk fails, chunks already written stay ledgered for a release that never left —
        // the ledger may over-state, never under-state.
        let ledger = LedgerPipeline(pool: pool, template: template)
        let parts = Self.parts(order.count, readers: readers)
        let partResults = try ParallelParts.run(parts.count) { part in
            let session = try resolver.cipher.session()
            var generator = SplitMix64(seed: seed &+ UInt64(part) &* 0x9E37_79B9_7F4A_7C15)
            return try pool.read { db in
                try IdentityDirectory.prepareReader(db)
                var resolved: [Resolution] = []
                resolved.reserveCapacity(parts[part].count)
                for chunk in Self.chunks(parts[part]) {
                    var released: [(personHash: [UInt8], reference: String)] = []
                    released.reserveCapacity(chunk.count)
                    for index in order[chunk] {
                        let result = try resolver.resolve(ciHash: hashes[index], in: db, using: &generator, session: session)
                        if result.line != nil { released.append((hashes[index], noticeIds[index])) }
                        resolved.append(result)
                    }
                    ledger.append(released)
                }
                return resolved
            }
        }
        try ledger.finish()
        var results = [Resolution](repeating: .unreachable(.noSubscriber), count: hashes.count)
        for (part, resolved) in partResults.enumerated() {
            for (offset, result) in resolved.enumerated() { results[order[parts[part].lowerBound + offset]] = result }
        }
        return results
    }

    /// The batch's stretches read in parallel: at most `readers`, none under `chunkSize`.
    static func parts(_ count: Int, readers: Int) -> [Range<Int>] {
        ParallelParts.ranges(count, parts: min(readers, count / chunkSize))
    }

    /// `range` cut into ranges of at most `chunkSize`.
    static func chunks(_ range: Range<Int>) -> [Range<Int>] {
        stride(from: range.lowerBound, to: range.upperBound, by: chunkSize).map { $0..<min(range.upperBound, $0 + chunkSize) }
    }

    /// CIs read per chunk of a batch; small enough to overlap reading and ledgering, large
    /// enough that each ledger commit carries many rows.
    static let chunkSize = 2_000
}
