import GRDB

/// What one invoice is computed from: the aggregates billed on its month, the year's sends
/// billed before it (for graduated tiers) and the stored size of the days billed on it.
public struct InvoiceInputs: Sendable {
    public struct Usage: Sendable, Hashable {
        public var usageMonth: String
        public var item: String
        public var quantity: Int64
    }

    /// One day of storage billed on this month: its total as billed up to this month and as it
    /// stood before (non-zero only when the day already appeared on an earlier invoice).
    public struct StorageDay: Sendable, Hashable {
        public var day: String
        public var hundredthsBefore: Int64
        public var hundredthsUpTo: Int64
    }

    public var usage: [Usage] = []
    public var priorSendsInYear: Int64 = 0
    public var storage: [StorageDay] = []

    public init(usage: [Usage] = [], priorSendsInYear: Int64 = 0, storage: [StorageDay] = []) {
        self.usage = usage
        self.priorSendsInYear = priorSendsInYear
        self.storage = storage
    }

    /// Loads the inputs of `month` for one institution, or for all (`nil`) in three queries.
    public static func load(month: BillingMonth, institution: String?, in db: Database) throws -> [String: InvoiceInputs] {
        var inputs: [String: InvoiceInputs] = [:]
        let name = month.description
        let filter = institution == nil ? "" : " AND institution = ?"
        let only: [(any DatabaseValueConvertible)?] = institution.map { [$0] } ?? []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT institution, usage_month, item, quantity FROM usage_aggregate WHERE billing_month = ?\(filter)
            """, arguments: StatementArguments([name] + only))
        while let row = try rows.next() {
            inputs[row[0], default: InvoiceInputs()].usage.append(Usage(usageMonth: row[1], item: row[2], quantity: row[3]))
        }
        let prior = try Row.fetchCursor(db, sql: """
            SELECT institution, SUM(quantity) FROM usage_aggregate
            WHERE billing_month >= ? AND billing_month < ? AND item = 'notice.sent'\(filter) GROUP BY institution
            """, arguments: StatementArguments([month.startOfYear.description, name] + only))
        while let row = try prior.next() { inputs[row[0], default: InvoiceInputs()].priorSendsInYear = row[1] }
        let days = try Row.fetchCursor(db, sql: """
            SELECT a.institution, a.day, SUM(CASE WHEN a.billing_month < ?1 THEN a.hundredths ELSE 0 END), SUM(a.hundredths)
            FROM (SELECT DISTINCT institution, day FROM storage_day WHERE billing_month = ?1\(filter.replacingOccurrences(of: "?", with: "?2"))) s
            JOIN storage_day a ON a.institution = s.institution AND a.day = s.day AND a.billing_month <= ?1
            GROUP BY a.institution, a.day ORDER BY a.institution, a.day
            """, arguments: StatementArguments([name] + only))
        while let row = try days.next() {
            inputs[row[0], default: InvoiceInputs()].storage.append(StorageDay(day: row[1], hundredthsBefore: row[2], hundredthsUpTo: row[3]))
        }
        return inputs
    }
}
