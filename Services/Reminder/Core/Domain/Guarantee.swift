import Foundation
import Runtime
import Schema

/// A validated guarantee (SPEC RE-1).
public struct Guarantee: Hashable, Sendable {
    public var number: String
    public var businessNumber: BusinessNumber
    public var kind: GuaranteeKind
    public var amount: Int64
    public var startDate: LocalDate
    public var endDate: LocalDate

    public init(number: String, businessNumber: BusinessNumber, kind: GuaranteeKind, amount: Int64,
                startDate: LocalDate, endDate: LocalDate) {
        self.number = number
        self.businessNumber = businessNumber
        self.kind = kind
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
    }

    /// Validates the bus form. Checks run in the order of the CSV columns.
    public init(_ input: ReminderGuarantee) throws(ReminderInputError) {
        let number = FieldText.trimmed(input.guaranteeNo)
        guard !number.isEmpty else { throw .missingField("guarantee_no") }
        guard let business = BusinessNumber(input.businessNumber) else { throw .invalidBusinessNumber }
        guard let kind = GuaranteeKind(parsing: input.kind) else { throw .unknownKind }
        guard input.amount >= 0 else { throw .negativeAmount }
        guard let start = LocalDate(FieldText.trimmed(input.startDate)) else {
            throw .invalidDate(field: "start_date")
        }
        guard let end = LocalDate(FieldText.trimmed(input.endDate)) else {
            throw .invalidDate(field: "end_date")
        }
        guard end >= start else { throw .endBeforeStart }
        self.init(number: number, businessNumber: business, kind: kind, amount: input.amount, startDate: start, endDate: end)
    }
}
