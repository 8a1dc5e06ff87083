import Foundation
import GRDB
import Schema

/// The identity service's domain, callable directly (tests, CLI, benchmark) and from its bus
/// handlers: the subscriber directory (ID-1..ID-4) over a store holding CIs and phones only
/// sealed and hashed (ID-5).
public final class IdentityDirectory: Sendable {
    public let cipher: IdentityCipher
    let pool: DatabasePool
    let resolver: LineResolver

    /// A directory over `pool` (a store migrated with `IdentityService.migrations`).
    public init(pool: DatabasePool, keys: IdentityKeys) throws {
        cipher = try IdentityCipher(keys: keys)
        self.pool = pool
        resolver = LineResolver(cipher: cipher)
        // Lines are found by keyed hashes, i.e. at random places in two large indexes: with
        // SQLite's 2 MB default page cache a million-row import spends its time in pread/pwrite.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = \(Self.writerCacheKiB)") }
    }

    /// Page cache of the writer connection (negative: KiB), about the whole store of 1M lines.
    static let writerCacheKiB = -524_288
    /// Page cache of each reader connection, set at the start of a resolve read.
    static let readerCacheKiB = -131_072
    /// Memory-mapped size of the store for readers. Every resolve batch commits ledger rows,
    /// and a commit empties the other connections' page caches; through the map a reader
    /// finds the directory pages in the OS cache without a pread and a copy each.
    static let readerMapBytes = 4 << 30

    /// Tunes a reader connection for resolves (cheap to repeat on every read).
    static func prepareReader(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = \(readerCacheKiB); PRAGMA mmap_size = \(readerMapBytes)")
    }

    /// Imports a carrier sync file (CSV: `ci,carrier,phone,lineKind,mvnoHost,status,updatedAt`),
    /// streaming, 50,000 rows per transaction. Bad rows are in the report with line and reason.
    public func importCSV(url: URL, mode: SyncMode = .incremental, carrier: Carrier? = nil, now: Date) throws -> ImportReport {
        try DirectoryImporter(cipher: cipher, pool: pool).run(url: url, mode: mode, carrier: carrier, now: now)
    }

    /// Resolves one CI (ID-2) without ledgering — for operators' checks and tests. Notices go
    /// through the bus (`identity.resolve`), which ledgers the release.
    public func resolve(ci: String, seed: UInt64? = nil) throws -> Resolution {
        guard let result = try pool.read({ try resolver.resolve(ci: ci, in: $0, seed: seed) }) else {
            throw IdentityErrors.invalidCI()
        }
        return result
    }

    /// Applies a number change (ID-3).
    public func changeNumber(_ request: ChangeNumber) throws -> LineUpdated {
        try pool.write { try LineUpdates(cipher: cipher).changeNumber(request, in: $0) }
    }

    /// Applies a cancellation.
    public func cancelLine(_ request: CancelLine) throws -> LineUpdated {
        try pool.write { try LineUpdates(cipher: cipher).cancel(request, in: $0) }
    }

    /// A person's disclosure ledger (ID-6).
    public func ledger(ci: String) throws -> [LedgerEntry] {
        guard let bytes = CICodec.decode(ci) else { throw IdentityErrors.invalidCI() }
        let person = cipher.ciHash(bytes)
        return try pool.read { try DisclosureLedger.list(personHash: person, in: $0) }
    }

    /// Number of lines in the directory.
    public func lineCount() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM identity_line") ?? 0 }
    }
}
