import Foundation
import GRDB
@testable import IdentityCore
import Schema
import Testing

/// A big batch is resolved in person-index order, on several readers at once; the answer is
/// still in the request's order and every release is ledgered once.
@Suite("Batch resolve")
struct BatchResolveTests {
    @Test("a batch's stretches cover it once, in order, none smaller than a chunk")
    func parts() {
        let chunk = NoticeResolver.chunkSize
        #expect(NoticeResolver.parts(10_000, readers: 2) == [0..<5_000, 5_000..<10_000])
        #expect(NoticeResolver.parts(chunk + 1, readers: 4) == [0..<chunk + 1])
        #expect(NoticeResolver.parts(1, readers: 8) == [0..<1])
        #expect(NoticeResolver.parts(10_001, readers: 3) == [0..<3_334, 3_334..<6_668, 6_668..<10_001])
        #expect(NoticeResolver.chunks(3_334..<6_668) == [3_334..<5_334, 5_334..<6_668])
    }

    @Test("3 readers over 7,000 CIs: each answer at its CI's place, each release ledgered once with its notice id")
    func answersInRequestOrder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let people = 3_000
        // Person n: one KT line 010-3xxx-xxxx; every tenth person only a corporate line.
        try scratch.load((1...people).map { n in
            row(ci(n), "KT", String(format: "010-3%03d-%04d", n / 10_000, n % 10_000), kind: n % 10 == 0 ? "corporate" : "personal")
        })
        // Unknown people and repeats, in no particular order.
        let asked = (0..<7_000).map { ($0 * 7_919) % (people + 500) + 1 }
        var resolver = NoticeResolver(resolver: scratch.directory.resolver, pool: scratch.store.pool)
        resolver.readers = 3
        let request = ResolveBatch(cis: asked.map(ci), noticeIds: asked.indices.map { "N-\($0)" }, institution: "bank", seed: 5)
        let results = try resolver.resolve(request, requester: "notifier", now: Date(timeIntervalSince1970: 1_795_399_200))

        #expect(results.count == asked.count)
        var released = 0
        for (index, n) in asked.enumerated() {
            let expected: Resolution = n > people ? .unreachable(.noSubscriber)
                : n % 10 == 0 ? .unreachable(.corporate)
                : .line(ResolvedLine(carrier: .kt, phone: String(format: "0103%03d%04d", n / 10_000, n % 10_000)))
            #expect(results[index] == expected, "CI #\(index) (person \(n))")
            if expected.line != nil { released += 1 }
        }
        let ledgered = try scratch.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM identity_ledger WHERE outcome = 'released'") ?? 0
        }
        #expect(ledgered == released)
        let firstAsked = asked[0]
        let references = try scratch.directory.ledger(ci: ci(firstAsked)).map(\.reference).sorted()
        #expect(references == asked.indices.filter { asked[$0] == firstAsked }.map { "N-\($0)" }.sorted())
    }

    @Test("a big batch with bad CIs names the first one, whichever reader hashed it")
    func firstBadCI() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var cis = (1...6_000).map(ci)
        cis[4_500] = String(cis[4_500].dropLast())
        cis[2_500] = "not a CI"
        var resolver = NoticeResolver(resolver: scratch.directory.resolver, pool: scratch.store.pool)
        resolver.readers = 3
        let request = ResolveBatch(cis: cis, noticeIds: cis.indices.map { "N-\($0)" }, institution: "bank")
        #expect(throws: IdentityErrors.invalidCI(field: "cis.2500")) {
            try resolver.resolve(request, requester: "notifier", now: Date(timeIntervalSince1970: 1_795_399_200))
        }
    }

    @Test("a batch whose ledger rows cannot be written gets no answer")
    func unledgeredIsUnanswered() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load((1...50).map { row(ci($0), "KT", String(format: "010-4000-%04d", $0)) })
        try scratch.store.pool.write { db in try db.execute(sql: "DROP TABLE identity_ledger") }
        var resolver = NoticeResolver(resolver: scratch.directory.resolver, pool: scratch.store.pool)
        resolver.readers = 2
        let cis = (0..<5_000).map { ci($0 % 50 + 1) }
        let request = ResolveBatch(cis: cis, noticeIds: cis.indices.map { "N-\($0)" }, institution: "bank")
        #expect(throws: (any Error).self) {
            try resolver.resolve(request, requester: "notifier", now: Date(timeIntervalSince1970: 1_795_399_200))
        }
    }
}
