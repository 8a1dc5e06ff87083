import GRDB

/// Per-campaign counts of notices by state, kept as deltas per batch so progress never needs a
/// scan of a million rows.
struct CampaignTally {
    private var deltas: [String: [String: Int]] = [:]

    mutating func move(_ campaign: String?, from: String?, to: String) {
        guard let campaign else { return }
        if let from { deltas[campaign, default: [:]][from, default: 0] -= 1 }
        deltas[campaign, default: [:]][to, default: 0] += 1
    }

    mutating func add(_ campaign: String, state: String, count: Int) {
        deltas[campaign, default: [:]][state, default: 0] += count
    }

    func flush(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO campaign_tally (campaign_id, state, count) VALUES (?, ?, ?)
            ON CONFLICT (campaign_id, state) DO UPDATE SET count = count + excluded.count
            """)
        for (campaign, states) in deltas {
            for (state, delta) in states where delta != 0 {
                try statement.execute(arguments: [campaign, state, delta])
            }
        }
    }
}
