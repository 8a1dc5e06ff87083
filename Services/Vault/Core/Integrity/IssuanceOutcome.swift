import Foundation
import GRDB
import Schema
import Store

/// Issuing with the integrity re-check (issue 19), as the bus handlers do it: either the
/// certificate, or — when the document no longer matches its evidence — nothing issued, the
/// document flagged in the same transaction (which the caller commits), and the failure to answer
/// with (`failure.reply`, `integrity_failure`).
extension CertificateIssuer {
    public func issueOrFlag(_ request: IssueCertificate, now: Date, in db: Database, outbox: OutboxWriter?)
        throws -> Result<CertificateIssued, IntegrityFailure> {
        try Self.flagging(now: now, in: db) { try issue(request, now: now, in: db, outbox: outbox) }
    }

    /// Runs `body` in a savepoint; an `IntegrityFailure` rolls it back (nothing it wrote stays)
    /// and is recorded in the enclosing transaction instead.
    static func flagging<T>(now: Date, in db: Database, _ body: () throws -> T) throws -> Result<T, IntegrityFailure> {
        var result: T?
        do {
            try db.inSavepoint {
                result = try body()
                return .commit
            }
        } catch let failure as IntegrityFailure {
            try IntegrityFindings.record(failure, now: now, in: db)
            return .failure(failure)
        }
        guard let result else { throw ErrorReply(code: .internalFailure, message: "issuance produced nothing") }
        return .success(result)
    }
}

extension DocumentDestroyer {
    /// Destruction with the integrity re-check: the blob is re-hashed before it is removed, and
    /// a document that fails is not destroyed but flagged.
    public func destroyOrFlag(_ request: DestroyDocument, now: Date, in db: Database, outbox: OutboxWriter?)
        throws -> Result<CertificateIssued, IntegrityFailure> {
        try CertificateIssuer.flagging(now: now, in: db) { try destroy(request, now: now, in: db, outbox: outbox) }
    }
}
