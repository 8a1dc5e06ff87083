import Bus
import Foundation
import GRDB
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Testing

@Suite("Reminder SMS are billed to the importing institution (BI-6)", .serialized)
struct ReminderBillingTests {
    @Test("each reminder SMS carries the institution that imported its guarantee; a guarantee stored without one falls back to the setting")
    func billedToImporter() async throws {
        let cluster = try TestCluster(start: at("2026-09-01", 11))
        let (reminder, notifier, _) = try await startCluster(cluster)
        #expect(try await importCSV(csv([csvLine("A1", member: 1, end: "2026-10-20")]), via: notifier, institution: "bank-a").accepted == 1)
        #expect(try await importCSV(csv([csvLine("B1", member: 2, end: "2026-10-20")]), via: notifier, institution: "bank-b").accepted == 1)
        #expect(try await importCSV(csv([csvLine("OLD", member: 3, end: "2026-10-20")]), via: notifier).accepted == 1)
        // A later import without an institution (an operator's re-import) keeps the owner.
        #expect(try await importCSV(csv([csvLine("A1", member: 1, end: "2026-10-20")]), via: notifier).accepted == 1)
        let day = try await runner(cluster).runOnce(asOf: date("2026-10-02"), now: at("2026-10-02"), dryRun: false)
        #expect(day.sent == 3)
        #expect(try await delivered(3, notifier: notifier, reminder: reminder))
        #expect(try await smsInstitutions(notifier) == [
            "reminder:A1:ceo": "bank-a", "reminder:B1:ceo": "bank-b", "reminder:OLD:ceo": "test",
        ])
        await cluster.shutdown()
    }
}
