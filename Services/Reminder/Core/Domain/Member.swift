import Foundation
import Schema

/// A validated member (SPEC RE-1).
public struct Member: Hashable, Sendable {
    public var businessNumber: BusinessNumber
    public var companyName: String
    public var ceoName: String
    public var ceoMobile: MobileNumber

    /// Validates the bus/CSV form.
    public init(_ input: ReminderMember) throws(ReminderInputError) {
        guard let number = BusinessNumber(input.businessNumber) else { throw .invalidBusinessNumber }
        let company = FieldText.trimmed(input.companyName)
        guard !company.isEmpty else { throw .missingField("company_name") }
        let ceo = FieldText.trimmed(input.ceoName)
        guard !ceo.isEmpty else { throw .missingField("ceo_name") }
        guard let mobile = MobileNumber(input.ceoMobile) else { throw .invalidMobile(field: "ceo_mobile") }
        businessNumber = number
        companyName = company
        ceoName = ceo
        ceoMobile = mobile
    }
}
