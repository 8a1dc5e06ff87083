import Foundation
import Schema

/// A ledger row about to be appended (ID-6). `personHash` is the CI's lookup hash: the ledger
/// names people without holding their CI.
struct LedgerRecord {
    var personHash: [UInt8]
    var recipient: String
    var fields: [DisclosedField]
    var purpose: String
    var basis: LegalBasis
    var reference: String
    var outcome: LedgerEntry.Outcome
    var refusal: String?
    var operators: [String] = []
    var at: Date
}
