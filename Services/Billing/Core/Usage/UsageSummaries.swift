import GRDB
import Schema

/// The usage billed on a month so far (the `billing.usageSummary` query).
public enum UsageSummaries {
    public static func summary(institution: String, month text: String, in db: Database) throws -> UsageSummary {
        let month = try BillingMonth(parsing: text)
        guard try SubscriptionStore.exists(institution, in: db) else { throw BillingError.unknownInstitution(institution) }
        let rows = try Row.fetchAll(db, sql: """
            SELECT item, usage_month, quantity FROM usage_aggregate WHERE billing_month = ? AND institution = ? ORDER BY usage_month, item
            """, arguments: [month.description, institution]).map { UsageSummary.Row(item: $0[0], usageMonth: $0[1], quantity: $0[2]) }
        let storage = try Row.fetchAll(db, sql: """
            SELECT substr(day, 1, 7), SUM(hundredths) FROM storage_day WHERE billing_month = ? AND institution = ? GROUP BY 1 ORDER BY 1
            """, arguments: [month.description, institution]).map {
            UsageSummary.Row(item: UsageItem.storageDay.rawValue, usageMonth: $0[0], quantity: $0[1])
        }
        let closed = try Bool.fetchOne(db, sql: "SELECT 1 FROM closed_month WHERE institution = ? AND month = ?",
                                       arguments: [institution, month.description]) ?? false
        return UsageSummary(institution: institution, month: month.description, closed: closed, rows: rows + storage)
    }
}
