import Foundation
import GRDB
import Schema

/// Resolution for notices (ID-2 + ID-6 a): validates, resolves in one read, then appends one
/// ledger row per released line ("to <requester> for notice X") in one write — before the
/// answer leaves, so no line is ever released unledgered. Unreachable answers release nothing
/// and are not ledgered.
struct NoticeResolver: Sendable {
    let resolver: LineResolver
    let pool: DatabasePool

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
                         now: Date, field: (Int) -> String) throws -> [Resolution] {
        guard !institution.isEmpty else { throw IdentityErrors.missing("institution") }
        // A batch reuses one set of OpenSSL contexts for all its hashes and boxes; a single CI
        // does not repay setting them up.
        let session = cis.count > 1 ? try resolver.cipher.session() : nil
        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(cis.count)
        for (index, ci) in cis.enumerated() {
            guard let bytes = CICodec.decode(ci) else { throw IdentityErrors.invalidCI(field: field(index)) }
            hashes.append(session?.ciHash(bytes) ?? resolver.cipher.ciHash(bytes))
        }
        var generator = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
        let template = LedgerRecord(
            personHash: [], recipient: requester, fields: Self.releasedFields, purpose: "notice from \(institution)",
            basis: .notice, reference: "", outcome: .released, at: now)
        // A big batch is read in chunks, each chunk's ledger rows written (on the writer, another
        // core) while the next chunk is read. The answer still leaves only after every row is
        // committed; if a later chunk fails, earlier ones stay ledgered for a release that never
        // left — the ledger may over-state, never under-state.
        if hashes.count == 1 {
            // A lone CI (a notice sent one by one): looked up and ledgered in one transaction on
            // the writer, whose page cache a ledger commit does not empty — one hop, not two.
            return try pool.write { db in
                let result = try resolver.resolve(ciHash: hashes[0], in: db, using: &generator, session: session)
                if result.line != nil { try DisclosureLedger.append(template, people: [(hashes[0], noticeIds[0])], in: db) }
                return [result]
            }
        }
        let ledger = hashes.count > Self.chunkSize ? LedgerPipeline(pool: pool, template: template) : nil
        var releasedAtOnce: [(personHash: [UInt8], reference: String)] = []
        // One read transaction for the whole batch: the ledger commits meanwhile do not make
        // its snapshot (and page cache) stale.
        let results = try pool.read { db in
            try IdentityDirectory.prepareReader(db)
            var results: [Resolution] = []
            results.reserveCapacity(hashes.count)
            for chunk in Self.chunks(hashes.count) {
                let resolved = try chunk.map { try resolver.resolve(ciHash: hashes[$0], in: db, using: &generator, session: session) }
                let released = chunk.filter { resolved[$0 - chunk.lowerBound].line != nil }.map { (hashes[$0], noticeIds[$0]) }
                if let ledger { try ledger.append(released) } else { releasedAtOnce = released }
                results += resolved
            }
            return results
        }
        try ledger?.finish()
        if !releasedAtOnce.isEmpty {
            try pool.write { db in try DisclosureLedger.append(template, people: releasedAtOnce, in: db) }
        }
        return results
    }

    /// Ranges of about `chunkSize` (a lone CI is one chunk).
    static func chunks(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: chunkSize).map { $0..<min(count, $0 + chunkSize) }
    }

    /// CIs read per chunk of a batch; small enough to overlap reading and ledgering, large
    /// enough that each ledger commit carries many rows.
    static let chunkSize = 2_000
}
