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

    @Test("an issuance reported by another institution credits the guarantee's own institution (BI-5), and its result SMS is billed there")
    func issuanceCreditsOwner() async throws {
        let cluster = try TestCluster(start: at("2026-09-01", 11))
        let (reminder, notifier, billing) = try await startCluster(cluster)
        #expect(try await importCSV(csv([csvLine("OWN-1", member: 4, end: "2027-08-20")]), via: notifier, institution: "bank-a").accepted == 1)
        let event = GuaranteeIssued(
            guarantee: ReminderGuarantee(guaranteeNo: "OWN-1", businessNumber: businessNumber(4), kind: "contract", amount: 20_000_000,
                                         startDate: "2026-01-01", endDate: "2027-08-20"),
            member: ReminderMember(businessNumber: businessNumber(4), companyName: "회사4", ceoName: "대표4", ceoMobile: "010-0000-0001"),
            contactMobile: "010-1000-0044", institution: "caller-x")
        _ = try await notifier.write { db, outbox in try outbox.send(event, in: db) }
        #expect(try await delivered(1, notifier: notifier, reminder: reminder))
        #expect(try await smsInstitutions(notifier) == ["issuance:OWN-1": "bank-a"])
        #expect(try await eventually {
            try await billing.store.pool.read { db in
                try String.fetchOne(db, sql: "SELECT institution FROM usage WHERE event_id = 'mileage.credit:OWN-1'")
            } == "bank-a"
        })
        await cluster.shutdown()
    }
}
