import GRDB

/// Decides which month's invoice a usage event lands on: its own KST month, unless that month
/// (or a later one) was already issued for the institution — then the first month after the
/// latest issued one, as an adjustment. So an issued invoice's inputs never change.
///
/// Lives for one batch: `prepare` looks every institution of the batch up in one query.
struct MonthRouter {
    private enum Account { case unknown, open(after: BillingMonth?) }
    private var accounts: [String: Account] = [:]

    /// Looks up the institutions of a batch (subscription, latest issued month), 500 per query.
    mutating func prepare(_ institutions: Set<String>, in db: Database) throws {
        let missing = institutions.filter { accounts[$0] == nil }
        for name in missing { accounts[name] = .unknown }
        let names = Array(missing)
        for first in stride(from: 0, to: names.count, by: 500) {
            let chunk = Array(names[first..<min(first + 500, names.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.institution, (SELECT MAX(month) FROM closed_month c WHERE c.institution = s.institution)
                FROM subscription s WHERE s.institution IN (\(marks))
                """, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let closed = (row[1] as String?).flatMap { try? BillingMonth(parsing: $0) }
                accounts[row[0]] = .open(after: closed)
            }
        }
    }

    /// The billing month, or `nil` when the institution has no subscription.
    func billingMonth(institution: String, usage: BillingMonth) -> BillingMonth? {
        guard case .open(let latestClosed)? = accounts[institution] else { return nil }
        guard let latestClosed, usage <= latestClosed else { return usage }
        return latestClosed.next
    }
}
