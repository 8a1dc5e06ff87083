import Foundation
import GRDB
import Schema
import SongdalCrypto
import Synchronization

/// Per-institution AES-256 data keys (VA-7): generated on an institution's first document,
/// stored wrapped by the master key (the institution id is authenticated with it, so a wrapped
/// key cannot be moved to another institution), unwrapped once and cached.
public final class DataKeyring: Sendable {
    private let master: AESGCMKey
    private let cache = Mutex<[String: AESGCMKey]>([:])

    public init(master: AESGCMKey) { self.master = master }

    /// The institution's key, creating it inside `db`'s write transaction when needed.
    public func key(for institution: String, creatingIn db: Database) throws -> AESGCMKey {
        if let key = try existing(institution, in: db) { return key }
        let key = try AESGCMKey.generate()
        let wrapped = try master.seal(key.bytes, authenticating: Array(institution.utf8))
        try db.execute(sql: "INSERT INTO institution_key (institution, wrapped) VALUES (?, ?)",
                       arguments: [institution, Data(wrapped)])
        cache.withLock { $0[institution] = key }
        return key
    }

    /// The institution's key when it has one.
    public func existing(_ institution: String, in db: Database) throws -> AESGCMKey? {
        if let key = cache.withLock({ $0[institution] }) { return key }
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM institution_key WHERE institution = ?",
                                              arguments: [institution]) else { return nil }
        let key = try AESGCMKey(bytes: master.open([UInt8](wrapped), authenticating: Array(institution.utf8)))
        cache.withLock { $0[institution] = key }
        return key
    }
}
