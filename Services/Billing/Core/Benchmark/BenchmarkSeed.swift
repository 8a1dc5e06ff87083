import Foundation
import GRDB
import Runtime
import Schema
import Store

/// The invoicing workload: subscriptions and the aggregates that `events` usage events of
/// November 2026 leave in the store (plus earlier months' sends for the graduated tiers and one
/// storage-day row per institution per day), written directly — invoicing reads only these.
enum BenchmarkSeed {
    static func seed(store: ServiceStore, events: Int, institutions: Int) async throws {
        let perInstitution = Int64(max(1, events / institutions))
        let storageDays = Int64(30)
        // Split of one institution's events: storage days first, then sends, reads and the rest.
        let rest = max(0, perInstitution - storageDays)
        let mix: [(UsageItem, Int64)] = [
            (.noticeSent, rest * 55 / 100), (.noticeRead, rest * 30 / 100), (.smsSent, rest * 5 / 100),
            (.originalIssuance, rest * 4 / 100), (.certificateIssuance, rest * 3 / 100),
            (.trustedScanPage, rest - rest * 97 / 100),
        ]
        let joined = LocalDate(year: 2025, month: 6, day: 1) ?? KST.localDate(of: BillingBenchmark.start)
        try await store.pool.write { db in
            let aggregate = try db.makeStatement(sql: "INSERT INTO usage_aggregate VALUES (?, ?, ?, ?, ?)")
            let day = try db.makeStatement(sql: "INSERT INTO storage_day VALUES (?, ?, ?, ?)")
            for index in 0..<institutions {
                let name = "inst-\(index)"
                try SubscriptionStore.upsert(Subscription(institution: name, plan: index % 2 == 0 ? .basic : .premium, joinedOn: joined,
                                                          extraIDs: index % 5, discountPercent: (index % 6) * 10,
                                                          fixedNoticeTier: index % 7 == 0 ? 2 : nil),
                                             at: BillingBenchmark.start, in: db)
                for month in 1...10 {
                    let text = "2026-" + (month < 10 ? "0" : "") + "\(month)"
                    try aggregate.execute(arguments: [name, text, text, UsageItem.noticeSent.rawValue, Int64(90_000 + index)])
                }
                for (item, quantity) in mix where quantity > 0 {
                    try aggregate.execute(arguments: [name, "2026-11", "2026-11", item.rawValue, quantity])
                }
                for dayOfMonth in 1...storageDays {
                    let date = "2026-11-" + (dayOfMonth < 10 ? "0" : "") + "\(dayOfMonth)"
                    try day.execute(arguments: [name, date, "2026-11", Int64(2_950_000 + index * 10 + Int(dayOfMonth) * 1_000)])
                }
            }
        }
    }
}
