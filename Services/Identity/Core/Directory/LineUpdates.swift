import Foundation
import GRDB
import Schema

/// Single updates of the directory (ID-1, ID-3): a number change keeps the line and its CI, a
/// cancellation marks the line cancelled. Both are idempotent: applying one again reports
/// `changed == false`.
struct LineUpdates {
    let cipher: IdentityCipher

    private struct Located {
        let id: Int64
        let ciHash: Data
        let updatedAt: Int64
        let status: Int
    }

    private func locate(phoneHash: [UInt8], in db: Database) throws -> Located? {
        try Row.fetchOne(db, sql: "SELECT id, ci_hash, updated_at, status FROM identity_line WHERE \(PhoneLookup.condition)",
                         arguments: [LookupKey.of(phoneHash), Data(phoneHash)]).map { Located(id: $0[0], ciHash: $0[1], updatedAt: $0[2], status: $0[3]) }
    }

    func changeNumber(_ request: ChangeNumber, in db: Database) throws -> LineUpdated {
        guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
        guard let old = PhoneNumber.normalize(Array(request.oldPhone.utf8)) else { throw IdentityErrors.invalidPhone(field: "oldPhone") }
        guard let new = PhoneNumber.normalize(Array(request.newPhone.utf8)) else { throw IdentityErrors.invalidPhone(field: "newPhone") }
        let ciHash = Data(cipher.ciHash(ci))
        let newHash = cipher.phoneHash(new)
        if let current = try locate(phoneHash: newHash, in: db) {
            guard current.ciHash == ciHash else { throw IdentityErrors.phoneInUse }
            if try locate(phoneHash: cipher.phoneHash(old), in: db) == nil { return LineUpdated(changed: false) }
            throw IdentityErrors.phoneInUse
        }
        guard let line = try locate(phoneHash: cipher.phoneHash(old), in: db), line.ciHash == ciHash else {
            throw IdentityErrors.lineNotFound
        }
        let at = max(line.updatedAt, Int64(request.effectiveAt.timeIntervalSince1970 * 1000))
        try db.execute(sql: "UPDATE identity_line SET phone_hash = ?, phone_key = ?, phone_sealed = ?, updated_at = ? WHERE id = ?",
                       arguments: [Data(newHash), LookupKey.of(newHash), Data(try cipher.seal(new, hash: newHash)), at, line.id])
        return LineUpdated(changed: true)
    }

    func cancel(_ request: CancelLine, in db: Database) throws -> LineUpdated {
        guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
        guard let phone = PhoneNumber.normalize(Array(request.phone.utf8)) else { throw IdentityErrors.invalidPhone() }
        guard let line = try locate(phoneHash: cipher.phoneHash(phone), in: db), line.ciHash == Data(cipher.ciHash(ci)) else {
            throw IdentityErrors.lineNotFound
        }
        guard line.status == StoredCodes.code(LineStatus.active) else { return LineUpdated(changed: false) }
        let at = max(line.updatedAt, Int64(request.effectiveAt.timeIntervalSince1970 * 1000))
        try db.execute(sql: "UPDATE identity_line SET status = ?, updated_at = ? WHERE id = ?",
                       arguments: [StoredCodes.code(LineStatus.cancelled), at, line.id])
        return LineUpdated(changed: true)
    }
}
