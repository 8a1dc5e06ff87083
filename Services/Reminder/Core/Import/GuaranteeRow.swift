import Formats
import Foundation
import Schema

/// One data row of a guarantee CSV, validated: its guarantee and the member that holds it.
///
/// Columns, in order: `guarantee_no, business_number, company_name, ceo_name, ceo_mobile, kind,
/// amount, start_date, end_date` (SPEC RE-1). Amounts may carry thousands separators.
public struct GuaranteeRow: Sendable {
    public static let columns = ["guarantee_no", "business_number", "company_name", "ceo_name", "ceo_mobile",
                                 "kind", "amount", "start_date", "end_date"]

    public var member: Member
    public var guarantee: Guarantee

    /// Validates a record; the first problem found is the error (columns left to right).
    public init(_ record: CSVRecord) throws(ReminderInputError) {
        if let error = record.error { throw .csv(error) }
        let fields = record.fields
        guard fields.count == Self.columns.count else {
            throw .fieldCount(expected: Self.columns.count, found: fields.count)
        }
        let input = ReminderGuarantee(
            guaranteeNo: fields[0], businessNumber: fields[1], kind: fields[5],
            amount: try Self.amount(fields[6]), startDate: fields[7], endDate: fields[8])
        let memberInput = ReminderMember(
            businessNumber: fields[1], companyName: fields[2], ceoName: fields[3], ceoMobile: fields[4])
        guarantee = try Guarantee(input)
        member = try Member(memberInput)
    }

    /// Whether a record is the header line (so the importer skips it).
    public static func isHeader(_ record: CSVRecord) -> Bool {
        guard var first = record.fields.first else { return false }
        if first.hasPrefix("\u{FEFF}") { first.removeFirst() }
        return first.trimmingCharacters(in: .whitespaces).lowercased() == columns[0]
    }

    /// Whole won; a leading minus is `negativeAmount`, anything else not a number `invalidAmount`.
    static func amount(_ text: String) throws(ReminderInputError) -> Int64 {
        var value: Int64 = 0
        var negative = false
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: ","), UInt8(ascii: " "): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { throw .invalidAmount }
                value = sum
                digits += 1
            default: throw .invalidAmount
            }
        }
        guard digits > 0 else { throw text.isEmpty ? .missingField("amount") : .invalidAmount }
        if negative { throw value == 0 ? .invalidAmount : .negativeAmount }
        return value
    }
}
