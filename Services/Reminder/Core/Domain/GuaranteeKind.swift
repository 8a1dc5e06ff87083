import Foundation

/// The guarantee kinds the association issues (SPEC RE-1), with English codes and Korean names.
/// Bid and defect guarantees are never reminded (RE-2).
public enum GuaranteeKind: String, Sendable, CaseIterable, Codable {
    case bid
    case contract
    case advancePayment = "advance_payment"
    case defect
    case payment
    case performance
    case subcontractPayment = "subcontract_payment"
    case materialPurchase = "material_purchase"
    case other

    /// The Korean name as written on a guarantee (without the 보증 suffix).
    public var koreanName: String {
        switch self {
        case .bid: "입찰"
        case .contract: "계약"
        case .advancePayment: "선급금"
        case .defect: "하자"
        case .payment: "지급"
        case .performance: "공사이행"
        case .subcontractPayment: "하도급대금지급"
        case .materialPurchase: "자재구입"
        case .other: "기타"
        }
    }

    /// Parses an English code or a Korean name, with or without the `보증` suffix
    /// (`contract`, `계약`, `계약보증`; `하자보수` for defect). Anything else is `nil`.
    public init?(parsing text: String) {
        let trimmed = FieldText.trimmed(text)
        // The exact code first: `lowercased()` allocates, and codes are usually written lower case.
        if let kind = GuaranteeKind(rawValue: trimmed) ?? GuaranteeKind(rawValue: trimmed.lowercased()) {
            self = kind
            return
        }
        var korean = trimmed
        if korean.hasSuffix("보증") { korean.removeLast(2) }
        if korean == "하자보수" { korean = "하자" }
        guard let kind = GuaranteeKind.allCases.first(where: { $0.koreanName == korean }) else { return nil }
        self = kind
    }

    /// Whether guarantees of this kind get expiry reminders (RE-2: all but bid and defect).
    public var isReminded: Bool { self != .bid && self != .defect }
}
