import Foundation
import GRDB
@testable import IdentityCore
import Schema
import Testing

/// A line is found by the integer prefix of its phone hash and then the full hash
/// (`PhoneLookup`): two phones sharing a prefix stay two lines.
@Suite("Phone keys")
struct PhoneKeyTests {
    @Test("a phone whose key is already held by another phone gets a line of its own; each is updated by its own rows")
    func sharedPrefix() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001")])
        // Give person 1's line the key person 2's phone will have: the prefix collision that
        // a 64-bit key allows.
        let otherKey = LookupKey.of(scratch.directory.cipher.phoneHash(Array("01020000002".utf8)))
        try scratch.store.pool.write { db in try db.execute(sql: "UPDATE identity_line SET phone_key = ?", arguments: [otherKey]) }

        let report = try scratch.load([row(ci(2), "SKT", "010-2000-0002")])
        #expect(report.inserted == 1 && report.updated == 0 && report.unchanged == 0)
        #expect(try scratch.directory.lineCount() == 2)
        #expect(try scratch.directory.resolve(ci: ci(1)).line == ResolvedLine(carrier: .kt, phone: "01010000001"))
        #expect(try scratch.directory.resolve(ci: ci(2)).line == ResolvedLine(carrier: .skt, phone: "01020000002"))

        let cancel = try scratch.load([row(ci(2), "SKT", "010-2000-0002", status: "cancelled", updatedAt: at2)])
        #expect(cancel.updated == 1)
        #expect(try scratch.directory.resolve(ci: ci(2)) == .unreachable(.cancelled))
        #expect(try scratch.directory.resolve(ci: ci(1)).line?.phone == "01010000001")
    }
}
