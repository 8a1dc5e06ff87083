import Foundation
import GRDB
@testable import IdentityCore
import Schema
import Store
import Testing

@Suite("Store migrations")
struct MigrationTests {
    @Test("a store written before the lookup keys still resolves and lists its ledger after migrating")
    func lookupKeysBackfilled() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("identity-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try IdentityKeys.generate()
        let cipher = try IdentityCipher(keys: keys)
        let people = [ci(1), ci(2)].compactMap { CICodec.decode($0) }
        try #require(people.count == 2)
        do {
            // Only the first migration: the schema as the previous release left it.
            let old = try ServiceStore(directory: folder, service: "identity", migrations: [IdentityService.migrations[0]])
            try old.pool.write { db in
                for (index, person) in people.enumerated() {
                    let phone = Array("0101234567\(index)".utf8)
                    let ciHash = cipher.ciHash(person), phoneHash = cipher.phoneHash(phone)
                    try db.execute(sql: """
                        INSERT INTO identity_line (ci_hash, phone_hash, carrier, kind, mvno_host, status, updated_at, ci_sealed, phone_sealed)
                        VALUES (?, ?, 0, 0, NULL, 0, 1, ?, ?)
                        """, arguments: [Data(ciHash), Data(phoneHash), Data(try cipher.seal(person, hash: ciHash)),
                                         Data(try cipher.seal(phone, hash: phoneHash))])
                    try db.execute(sql: """
                        INSERT INTO identity_ledger (person_hash, recipient, fields, purpose, basis, reference, outcome, refusal, operators, at)
                        VALUES (?, 'notifier', 'carrier,phone', 'notice from bank', 'notice', ?, 'released', NULL, '', 1)
                        """, arguments: [Data(ciHash), "n-\(index)"])
                }
            }
        }
        let store = try ServiceStore(directory: folder, service: "identity", migrations: IdentityService.migrations)
        let directory = try IdentityDirectory(pool: store.pool, keys: keys)
        #expect(try directory.resolve(ci: ci(1)).line?.phone == "01012345670")
        #expect(try directory.resolve(ci: ci(2)).line?.phone == "01012345671")
        #expect(try directory.ledger(ci: ci(2)).map(\.reference) == ["n-1"])
        let unkeyed = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM identity_line WHERE ci_key = 0) + (SELECT COUNT(*) FROM identity_ledger WHERE person_key = 0)")
        }
        #expect(unkeyed == 0)
        // Lines are found by phone through the new phone key: a newer row for a stored phone
        // updates its line (no second line), and a number change finds the line.
        let resent = try directory.importCSV(url: try fileOf([row(ci(1), "KT", "010-1234-5670")], in: folder),
                                             now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(resent.updated == 1 && resent.inserted == 0)
        let changed = try directory.changeNumber(ChangeNumber(ci: ci(2), oldPhone: "01012345671", newPhone: "01077776666",
                                                              effectiveAt: Date(timeIntervalSince1970: 1_795_399_200)))
        #expect(changed.changed)
        #expect(try directory.resolve(ci: ci(2)).line?.phone == "01077776666")
        #expect(try directory.lineCount() == 2)
    }

    private func fileOf(_ rows: [String], in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("resent.csv")
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: url)
        return url
    }
}
