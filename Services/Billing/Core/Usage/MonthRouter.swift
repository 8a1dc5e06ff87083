import GRDB

/// Decides which month's invoice a usage event lands on: its own KST month, unless that month
/// (or a later one) was already issued for the institution — then the first month after the
/// latest issued one, as an adjustment. So an issued invoice's inputs never change.
///
/// Lives for one batch and remembers each institution it looked up.
struct MonthRouter {
    private enum Account { case unknown, open(after: BillingMonth?) }
    private var accounts: [String: Account] = [:]

    /// The billing month, or `nil` when the institution has no subscription.
    mutating func billingMonth(institution: String, usage: BillingMonth, in db: Database) throws -> BillingMonth? {
        let account: Account
        if let known = accounts[institution] {
            account = known
        } else {
            account = try lookUp(institution, in: db)
            accounts[institution] = account
        }
        switch account {
        case .unknown: return nil
        case .open(let latestClosed):
            guard let latestClosed, usage <= latestClosed else { return usage }
            return latestClosed.next
        }
    }

    /// Forgets an institution (its subscription or closed months changed in this batch).
    mutating func forget(_ institution: String) { accounts[institution] = nil }

    private func lookUp(_ institution: String, in db: Database) throws -> Account {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT 1 FROM subscription WHERE institution = ?1) AS known,
                   (SELECT MAX(month) FROM closed_month WHERE institution = ?1) AS closed
            """), arguments: [institution])
        guard let row, (row["known"] as Int?) != nil else { return .unknown }
        let closed = (row["closed"] as String?).flatMap { try? BillingMonth(parsing: $0) }
        return .open(after: closed)
    }
}
