import Bus
import Foundation
import Logging
import Schema

extension IdentityHandlers {
    /// Consents, third-party and lawful-access releases (refusals recorded), ledger listing.
    func registerDisclosure() {
        let cipher = directory.cipher
        let logger = self.logger
        let consents = ConsentBook(cipher: cipher)
        let desk = LawfulAccessDesk(cipher: cipher)
        endpoint.handle(GiveConsent.self) { request, context in
            try consents.give(request, now: context.now, in: context.db)
        }
        endpoint.handle(WithdrawConsent.self) { request, context in
            try consents.withdraw(request, now: context.now, in: context.db)
        }
        let pool = directory.pool
        // Releases are queries whose ledger row commits in its own write before the answer (see
        // `DiscloseToThirdParty`): refusals stay recorded, released data never enters the outbox.
        endpoint.answer(DiscloseToThirdParty.self) { request, context in
            let decision = try await pool.write { try consents.disclose(request, now: context.now, in: $0) }
            return try Self.deliver(decision, basis: .consent, recipient: request.thirdParty, logger: logger)
        }
        endpoint.handle(FileLawfulAccess.self, { request, context in
            switch try desk.file(request, now: context.now, in: context.db) {
            case .success(let filed):
                logger.info("lawful access filed", metadata: ["request": "\(filed.requestId)", "authority": "\(request.authority)"])
                try Self.answer(filed, context)
            case .failure(let refusal):
                logger.warning("lawful access refused", metadata: ["code": "\(refusal.code)", "authority": "\(request.authority)"])
                try Self.answer(refusal, context)
            }
        })
        endpoint.answer(ApproveLawfulAccess.self) { request, context in
            let decision = try await pool.write { try desk.approve(request, now: context.now, in: $0) }
            return try Self.deliver(decision, basis: .lawfulAccess, recipient: request.requestId, logger: logger)
        }
        endpoint.answer(ListDisclosures.self) { request, context in
            guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
            let person = cipher.ciHash(ci)
            return DisclosureList(entries: try await context.store.pool.read {
                try DisclosureLedger.list(personHash: person, in: $0)
            })
        }
    }

    /// The released data, or the recorded refusal thrown as the typed error.
    private static func deliver(_ decision: DisclosureDecision, basis: LegalBasis, recipient: String,
                                logger: Logger) throws -> Disclosure {
        switch decision {
        case .released(let disclosure):
            logger.info("disclosure released", metadata: [
                "basis": "\(basis.rawValue)", "to": "\(recipient)", "ledger": "\(disclosure.ledgerId)",
                "fields": "\(disclosure.fields.map(\.rawValue).joined(separator: ","))",
            ])
            return disclosure
        case .refused(let refusal):
            logger.warning("disclosure refused", metadata: ["basis": "\(basis.rawValue)", "to": "\(recipient)", "code": "\(refusal.code)"])
            throw refusal
        }
    }
}
