import Bus
import Foundation
import GRDB
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Testing

@Suite("Daily runs (RE-2..RE-5)", .serialized)
struct RunTests {
    @Test("only targets are sent, on their (moved) send date and not before; a dry run sends nothing")
    func selection() async throws {
        let cluster = try TestCluster(start: at("2026-09-01", 11))
        let (reminder, notifier, _) = try await startCluster(cluster)
        let report = try await importCSV(csv([
            csvLine("EXACT", amount: 10_000_000, end: "2026-10-10"),        // raw 09-25 (Chuseok) → 09-23
            csvLine("BELOW", amount: 9_999_999, end: "2026-10-10"),
            csvLine("BID", kind: "입찰", end: "2026-10-10"),
            csvLine("DEFECT", kind: "defect", end: "2026-10-10"),
            csvLine("ADV", kind: "선급금", end: "2026-10-09"),                 // raw 09-24 → 09-23
            csvLine("SAT", kind: "payment", end: "2026-10-11"),               // raw 09-26 → 09-23
            csvLine("LATER", end: "2026-10-20"),                              // raw 10-05 (holiday) → 10-02
        ]), via: notifier)
        #expect(report.errors.isEmpty && report.accepted == 7)
        let run = runner(cluster)
        let before = try await run.runOnce(asOf: date("2026-09-22"), now: at("2026-09-22"), dryRun: false)
        #expect(before.sent == 0)
        let preview = try await run.runOnce(asOf: date("2026-09-23"), now: at("2026-09-23"), dryRun: true)
        #expect(preview.selected == 3 && preview.sent == 3 && preview.runId == nil)
        let day = try await run.runOnce(asOf: date("2026-09-23"), now: at("2026-09-23"), dryRun: false)
        #expect(day.selected == 3 && day.sent == 3)
        #expect(try await delivered(3, notifier: notifier, reminder: reminder))
        #expect(try await sentSMS(notifier).map(\.key) == ["reminder:ADV:ceo", "reminder:EXACT:ceo", "reminder:SAT:ceo"])
        let again = try await run.runOnce(asOf: date("2026-09-23"), now: at("2026-09-23", 10), dryRun: false)
        #expect(again.selected == 0 && again.sent == 0)
        let october = try await run.runOnce(asOf: date("2026-10-02"), now: at("2026-10-02"), dryRun: false)
        #expect(october.sent == 1)
        #expect(try await delivered(4, notifier: notifier, reminder: reminder))
        let sms = try await sentSMS(notifier)
        #expect(sms.allSatisfy { $0.calls == 1 && !$0.transactional && $0.phone == "01000000001" })
        #expect(sms.first { $0.key == "reminder:SAT:ceo" }?.text.contains("지급보증") == true)
        await cluster.shutdown()
    }

    @Test("a guarantee imported after today's run with a send date of today or earlier goes in the next run")
    func lateImport() async throws {
        let cluster = try TestCluster(start: at("2026-11-23", 8))
        let (reminder, notifier, _) = try await startCluster(cluster, reminder: ["run_at": "09:00", "poll_milliseconds": "20"])
        cluster.clock.set(at("2026-11-23", 9, 1))
        #expect(try await eventually { try await reminder.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminder_runs WHERE as_of = '2026-11-23' AND finished_at IS NOT NULL") == 1
        } })
        cluster.clock.set(at("2026-11-23", 14))
        _ = try await importCSV(csv([
            csvLine("TODAY", end: "2026-12-08"),     // send date 11-23, today, after today's run
            csvLine("PAST", end: "2026-12-05"),      // raw 11-20 (Fri): already past, end still ahead
        ]), via: notifier)
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await sentSMS(notifier).isEmpty)    // today's run is done; nothing re-runs on its own today
        cluster.clock.set(at("2026-11-24", 9))
        #expect(try await delivered(2, notifier: notifier, reminder: reminder))
        #expect(try await sentSMS(notifier).map(\.key) == ["reminder:PAST:ceo", "reminder:TODAY:ceo"])
        await cluster.shutdown()
    }

    @Test("opt-out, extra recipients and a changed CEO mobile take effect from the next run; changes are audited")
    func recipients() async throws {
        let cluster = try TestCluster(start: at("2026-11-23", 8))
        let (reminder, notifier, _) = try await startCluster(cluster)
        _ = try await importCSV(csv([
            csvLine("A1", member: 1, mobile: "010-0000-0001", end: "2026-12-09"),   // send 11-24
            csvLine("B1", member: 2, mobile: "010-0000-0002", end: "2026-12-09"),
            csvLine("A2", member: 1, mobile: "010-0000-0001", end: "2026-12-10"),   // send 11-25
            csvLine("B2", member: 2, mobile: "010-0000-0002", end: "2026-12-10"),
        ]), via: notifier)
        let extra = try await notifier.request(AddReminderRecipient(businessNumber: businessNumber(1), mobile: "010-1000-0009",
                                                                    actor: "self:\(businessNumber(1))"), to: "reminder")
        #expect(extra.recipientKey == "x1" && extra.changed)
        _ = try await notifier.request(SetReminderOptOut(businessNumber: businessNumber(2), optedOut: true, actor: "branch:seoul"), to: "reminder")
        let run = runner(cluster)
        let first = try await run.runOnce(asOf: date("2026-11-24"), now: at("2026-11-24"), dryRun: false)
        #expect(first.sent == 2 && first.skipped["opted_out"] == 1)
        #expect(try await delivered(2, notifier: notifier, reminder: reminder))
        #expect(try await sentSMS(notifier).map(\.phone).sorted() == ["01000000001", "01010000009"])

        // Changes between runs: member 1's CEO mobile changes, its extra is removed; member 2 opts back in.
        let changed = try await notifier.request(UpsertMember(member: ReminderMember(
            businessNumber: businessNumber(1), companyName: "회사1", ceoName: "대표1", ceoMobile: "010-0000-0777"), actor: "branch:seoul"),
            to: "reminder")
        #expect(changed.changed)
        _ = try await notifier.request(RemoveReminderRecipient(businessNumber: businessNumber(1), recipientKey: "x1", actor: "self"), to: "reminder")
        _ = try await notifier.request(SetReminderOptOut(businessNumber: businessNumber(2), optedOut: false, actor: "self"), to: "reminder")
        let second = try await run.runOnce(asOf: date("2026-11-25"), now: at("2026-11-25"), dryRun: false)
        #expect(second.sent == 3)   // A2 → new CEO mobile; B1 (caught up) and B2 → member 2's CEO
        #expect(try await delivered(5, notifier: notifier, reminder: reminder))
        let sms = try await sentSMS(notifier)
        #expect(sms.first { $0.key == "reminder:A2:ceo" }?.phone == "01000000777")
        #expect(sms.filter { $0.key.hasPrefix("reminder:B") }.count == 2)
        #expect(!sms.contains { $0.key == "reminder:A2:x1" })
        let audit = try await reminder.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT change, actor FROM recipient_changes WHERE change <> 'member_created' ORDER BY id")
                .map { "\($0[0] as String)/\($0[1] as String)" }
        }
        #expect(audit == ["recipient_added/self:\(businessNumber(1))", "opted_out/branch:seoul", "ceo_mobile_changed/branch:seoul",
                          "recipient_removed/self", "opted_in/self"])
        await cluster.shutdown()
    }

    @Test("an institution cannot replace another institution's guarantee (issue 20)")
    func guaranteeOwnedByItsInstitution() async throws {
        let cluster = try TestCluster()
        let (_, notifier, _) = try await startCluster(cluster)
        let guarantee = ReminderGuarantee(guaranteeNo: "G-OWN-1", businessNumber: businessNumber(7), kind: "contract", amount: 1,
                                          startDate: "2026-01-01", endDate: "2026-12-01")
        let member = ReminderMember(businessNumber: businessNumber(7), companyName: "B사", ceoName: "김", ceoMobile: "010-1234-5678")
        _ = try await notifier.request(UpsertGuarantee(guarantee: guarantee, member: member, actor: "t", institution: "inst-b"), to: "reminder")
        var replaced = guarantee
        replaced.amount = 999
        do {
            _ = try await notifier.request(UpsertGuarantee(guarantee: replaced, actor: "t", institution: "inst-a"), to: "reminder")
            Issue.record("inst-a replaced inst-b's guarantee")
        } catch BusError.rejected(let reply) {
            #expect(reply.code == .forbidden)
        }
        // Its owner may update it.
        _ = try await notifier.request(UpsertGuarantee(guarantee: replaced, actor: "t", institution: "inst-b"), to: "reminder")
        // Nor may it touch that member's recipients, opt-out or details; the owner and operators may.
        let foreignCalls: [@Sendable () async throws -> Void] = [
            { _ = try await notifier.request(AddReminderRecipient(businessNumber: businessNumber(7), mobile: "010-2222-3333", actor: "t",
                                                                  institution: "inst-a"), to: "reminder") },
            { _ = try await notifier.request(SetReminderOptOut(businessNumber: businessNumber(7), optedOut: true, actor: "t",
                                                               institution: "inst-a"), to: "reminder") },
            { _ = try await notifier.request(RemoveReminderRecipient(businessNumber: businessNumber(7), recipientKey: "k", actor: "t",
                                                                     institution: "inst-a"), to: "reminder") },
            { _ = try await notifier.request(UpsertMember(member: member, actor: "t", institution: "inst-a"), to: "reminder") },
            { _ = try await notifier.request(UpsertGuarantee(
                guarantee: ReminderGuarantee(guaranteeNo: "G-OWN-2", businessNumber: businessNumber(7), kind: "contract", amount: 1,
                                             startDate: "2026-01-01", endDate: "2026-12-01"),
                member: member, actor: "t", institution: "inst-a"), to: "reminder") },
        ]
        for (index, call) in foreignCalls.enumerated() {
            do {
                try await call()
                Issue.record("foreign call \(index) was accepted")
            } catch BusError.rejected(let reply) {
                #expect(reply.code == .forbidden, "call \(index)")
            }
        }
        _ = try await notifier.request(AddReminderRecipient(businessNumber: businessNumber(7), mobile: "010-2222-3333", actor: "t",
                                                            institution: "inst-b"), to: "reminder")
        _ = try await notifier.request(SetReminderOptOut(businessNumber: businessNumber(7), optedOut: false, actor: "t"), to: "reminder")
        await cluster.shutdown()
    }

    @Test("bad input over the bus gets typed errors, never a dead letter")
    func typedErrors() async throws {
        let cluster = try TestCluster()
        let (reminder, notifier, _) = try await startCluster(cluster)
        let bad = ReminderGuarantee(guaranteeNo: "X", businessNumber: "123-45-67890", kind: "contract", amount: 1,
                                    startDate: "2026-01-01", endDate: "2026-12-01")
        await #expect(throws: BusError.rejected(ReminderInputError.invalidBusinessNumber.reply())) {
            _ = try await notifier.request(UpsertGuarantee(guarantee: bad, actor: "t"), to: "reminder")
        }
        var unknown = bad
        unknown.businessNumber = businessNumber(5)
        await #expect(throws: BusError.rejected(ReminderInputError.unknownMember.reply())) {
            _ = try await notifier.request(UpsertGuarantee(guarantee: unknown, actor: "t"), to: "reminder")
        }
        await #expect(throws: BusError.rejected(ReminderInputError.invalidMobile(field: "mobile").reply())) {
            _ = try await notifier.request(AddReminderRecipient(businessNumber: businessNumber(5), mobile: "02-123-4567", actor: "t"), to: "reminder")
        }
        #expect(reminder.statistics.deadLettered == 0)
        await cluster.shutdown()
    }
}
