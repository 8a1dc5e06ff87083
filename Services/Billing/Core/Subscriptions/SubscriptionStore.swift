import Foundation
import GRDB
import Runtime
import Schema

/// Reads and writes subscriptions in the billing store.
public enum SubscriptionStore {
    /// Stores the subscription and, in the same transaction, bills the usage parked while the
    /// institution had none (BI-6); returns what that release recorded.
    @discardableResult
    public static func upsert(_ subscription: Subscription, at now: Date, in db: Database) throws -> UsageOutcome {
        try db.execute(sql: """
            INSERT INTO subscription (institution, plan, joined_on, ends_on, extra_ids, discount_percent, fixed_tier, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (institution) DO UPDATE SET plan = excluded.plan, joined_on = excluded.joined_on,
              ends_on = excluded.ends_on, extra_ids = excluded.extra_ids, discount_percent = excluded.discount_percent,
              fixed_tier = excluded.fixed_tier, updated_at = excluded.updated_at
            """, arguments: [subscription.institution, subscription.plan.rawValue, subscription.joinedOn.description,
                             subscription.endsOn?.description, subscription.extraIDs, subscription.discountPercent,
                             subscription.fixedNoticeTier, Int64(now.timeIntervalSince1970 * 1000)])
        return try UsageParking.release(institution: subscription.institution, at: now, in: db)
    }

    public static func fetch(_ institution: String, in db: Database) throws -> Subscription? {
        try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE institution = ?", arguments: [institution]).flatMap(decode)
    }

    /// Subscriptions active in some day of `month`, by institution.
    public static func active(in month: BillingMonth, in db: Database) throws -> [Subscription] {
        try Row.fetchAll(db, sql: """
            SELECT * FROM subscription WHERE joined_on <= ? AND (ends_on IS NULL OR ends_on >= ?) ORDER BY institution
            """, arguments: [month.lastDay.description, month.firstDay.description]).compactMap(decode)
    }

    public static func exists(_ institution: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM subscription WHERE institution = ?"), arguments: [institution]) ?? false
    }

    static func decode(_ row: Row) -> Subscription? {
        guard let plan = VaultPlan(rawValue: row["plan"]), let joined = LocalDate(row["joined_on"] as String) else { return nil }
        return Subscription(
            institution: row["institution"], plan: plan, joinedOn: joined,
            endsOn: (row["ends_on"] as String?).flatMap(LocalDate.init), extraIDs: row["extra_ids"],
            discountPercent: row["discount_percent"], fixedNoticeTier: row["fixed_tier"])
    }
}
