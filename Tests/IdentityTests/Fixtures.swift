import Foundation
import IdentityCore
import Schema
import Store

/// Synthetic CI of person `n` (ID-7).
func ci(_ n: Int) -> String { TestCIGenerator.ci(key: Array("identity-tests".utf8), rrn: TestCIGenerator.syntheticRRN(n)) }

let at1 = "2026-11-20T09:00:00+09:00"
let at2 = "2026-11-21T09:00:00+09:00"

/// A CSV row.
func row(_ ci: String, _ carrier: String, _ phone: String, kind: String = "personal", host: String = "",
         status: String = "active", updatedAt: String = at1) -> String {
    [ci, carrier, phone, kind, host, status, updatedAt].joined(separator: ",")
}

let header = "ci,carrier,phone,lineKind,mvnoHost,status,updatedAt"

/// A temporary folder with a fresh identity store and directory.
struct Scratch {
    let folder: URL
    let store: ServiceStore
    let directory: IdentityDirectory
    let keys: IdentityKeys

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("identity-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ServiceStore(directory: folder, service: "identity", migrations: IdentityService.migrations,
                                 pageSize: IdentityService.storePageSize)
        keys = try IdentityKeys.generate()
        directory = try IdentityDirectory(pool: store.pool, keys: keys)
    }

    /// Writes `lines` as a file and returns its URL.
    func file(_ lines: [String], name: String = "sync.csv", ending: String = "\n") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data((lines.joined(separator: ending) + ending).utf8).write(to: url)
        return url
    }

    /// Imports `lines` (with a header) incrementally.
    @discardableResult
    func load(_ lines: [String]) throws -> ImportReport {
        try directory.importCSV(url: try file([header] + lines, name: "load-\(UUID().uuidString).csv"), now: Date(timeIntervalSince1970: 1_795_399_200))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
