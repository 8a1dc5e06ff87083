import GRDB
import Runtime

/// A guarantee whose reminder is due: send date reached, not yet reminded, a target (RE-2).
struct DueGuarantee {
    var number: String
    var businessNumber: String
    var kind: GuaranteeKind
    var amount: Int64
    var sendDate: String
    var endDate: LocalDate
    /// The institution that imported it (billed for its reminder); nil: the service's setting.
    var institution: String?

    /// Selection (RE-3, RE-5): send date ≤ today among the waiting targets — not "send date =
    /// today" — so catch-ups after downtime and guarantees imported after today's run with a
    /// send date already reached are included. Keyset-paged on the partial index
    /// `guarantees_due (send_date, guarantee_no)`.
    static func page(_ db: Database, asOf: LocalDate, after cursor: (sendDate: String, number: String)?, limit: Int) throws -> [DueGuarantee] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT guarantee_no, business_number, kind, amount, send_date, end_date, institution FROM guarantees INDEXED BY guarantees_due
            WHERE target = 1 AND state = 0 AND send_date <= ? AND (send_date, guarantee_no) > (?, ?)
            ORDER BY send_date, guarantee_no LIMIT ?
            """), arguments: [asOf.description, cursor?.sendDate ?? "", cursor?.number ?? "", limit])
        return rows.compactMap { row in
            guard let kind = GuaranteeKind(rawValue: row[2]), let end = LocalDate(row[5] as String) else { return nil }
            return DueGuarantee(number: row[0], businessNumber: row[1], kind: kind, amount: row[3], sendDate: row[4], endDate: end,
                                institution: row[6])
        }
    }
}
