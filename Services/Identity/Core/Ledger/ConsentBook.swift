import Foundation
import GRDB
import Schema

/// Consents of people to third parties (ID-6 b), and releases made under them.
struct ConsentBook {
    let cipher: IdentityCipher

    func give(_ request: GiveConsent, now: Date, in db: Database) throws -> ConsentRecorded {
        guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
        guard !request.thirdParty.isEmpty else { throw IdentityErrors.missing("thirdParty") }
        guard !request.purpose.isEmpty else { throw IdentityErrors.missing("purpose") }
        guard !request.fields.isEmpty else { throw IdentityErrors.missing("fields") }
        let id = "consent-" + UUID().uuidString.lowercased()
        try db.execute(sql: """
            INSERT INTO identity_consent (id, person_hash, third_party, purpose, fields, given_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [id, Data(cipher.ciHash(ci)), request.thirdParty, request.purpose,
                             StoredCodes.fieldsText(request.fields), Self.millis(now)])
        return ConsentRecorded(consentId: id, givenAt: now)
    }

    func withdraw(_ request: WithdrawConsent, now: Date, in db: Database) throws -> ConsentRecorded {
        guard let row = try Row.fetchOne(db, sql: "SELECT given_at, withdrawn_at FROM identity_consent WHERE id = ?",
                                         arguments: [request.consentId]) else {
            throw ErrorReply(code: .consentNotFound, message: "no consent with this id", field: "consentId")
        }
        let given = Date(timeIntervalSince1970: Double(row[0] as Int64) / 1000)
        if let withdrawn: Int64 = row[1] {
            return ConsentRecorded(consentId: request.consentId, givenAt: given,
                                   withdrawnAt: Date(timeIntervalSince1970: Double(withdrawn) / 1000))
        }
        try db.execute(sql: "UPDATE identity_consent SET withdrawn_at = ? WHERE id = ?",
                       arguments: [Self.millis(now), request.consentId])
        return ConsentRecorded(consentId: request.consentId, givenAt: given, withdrawnAt: now)
    }

    /// Releases to a third party under a live consent covering the purpose and every field;
    /// otherwise refuses (`no_consent`). Ledgered either way.
    func disclose(_ request: DiscloseToThirdParty, now: Date, in db: Database) throws -> DisclosureDecision {
        guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
        guard !request.fields.isEmpty else { throw IdentityErrors.missing("fields") }
        let person = cipher.ciHash(ci)
        let consents = try Row.fetchAll(db, sql: """
            SELECT id, fields FROM identity_consent
            WHERE person_hash = ? AND third_party = ? AND purpose = ? AND withdrawn_at IS NULL ORDER BY given_at
            """, arguments: [Data(person), request.thirdParty, request.purpose])
        let wanted = Set(request.fields)
        let consent = consents.first { wanted.isSubset(of: Set(StoredCodes.fields($0[1]))) }
        var record = LedgerRecord(personHash: person, recipient: request.thirdParty, fields: request.fields,
                                  purpose: request.purpose, basis: .consent, reference: "", outcome: .refused, at: now)
        guard let consent else {
            let refusal = ErrorReply(code: .noConsent, message: "no live consent of this person covers this release")
            record.refusal = refusal.code.rawValue
            try DisclosureLedger.append(record, in: db)
            return .refused(refusal)
        }
        record.reference = consent[0]
        record.outcome = .released
        let lines = try PersonLines.disclosed(personHash: person, fields: request.fields, cipher: cipher, in: db)
        let id = try DisclosureLedger.append(record, in: db)
        return .released(Disclosure(ledgerId: id, fields: Set(request.fields).sorted(), lines: lines))
    }

    static func millis(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1000) }
}
