import Schema

/// Every key a price book may price: the metered usage items plus the plan fees (BI-1..BI-3, BI-5).
public enum PriceKey {
    public static func join(_ plan: VaultPlan) -> String { "plan.\(plan.rawValue).join" }
    public static func monthly(_ plan: VaultPlan) -> String { "plan.\(plan.rawValue).monthly" }
    public static let extraID = "id.extra"
    /// SMS paid with mileage: shown on invoices at 0 won, never priced.
    public static let freeSMS = "sms.free"

    /// Keys the price book must price (an unknown key in the file is a start-up error).
    public static let all: Set<String> = {
        var keys = Set(UsageItem.allCases.filter { $0 != .mileageCredit }.map(\.rawValue))
        for plan in VaultPlan.allCases { keys.insert(join(plan)); keys.insert(monthly(plan)) }
        keys.insert(extraID)
        return keys
    }()

    /// Keys whose rate is a tier table rather than one price.
    public static let tiered: Set<String> = [UsageItem.noticeSent.rawValue]
}
