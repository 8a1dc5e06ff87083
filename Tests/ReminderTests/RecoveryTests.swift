import Bus
import Foundation
import GRDB
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Testing

@Suite("Catch-up and restarts (RE-5, X-2)", .serialized)
struct RecoveryTests {
    func finishedRuns(_ reminder: BusEndpoint) async throws -> [String] {
        try await reminder.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT as_of FROM reminder_runs WHERE finished_at IS NOT NULL ORDER BY id")
        }
    }

    @Test("down four days across a weekend: the missed reminders all go in the next run, once; expired ones are counted")
    func catchUp() async throws {
        let settings = ["run_at": "09:00", "poll_milliseconds": "20"]
        let cluster = try TestCluster(start: at("2026-11-26", 8))   // Thursday
        let (firstReminder, notifier, _) = try await startCluster(cluster, reminder: settings)
        _ = try await importCSV(csv([
            csvLine("THU", end: "2026-12-11"),    // send 11-26
            csvLine("FRI", end: "2026-12-12"),    // raw 11-27 (Fri)
            csvLine("SAT", end: "2026-12-13"),    // raw 11-28 → 11-27
            csvLine("SUN", end: "2026-12-14"),    // raw 11-29 → 11-27
            csvLine("MON", end: "2026-12-15"),    // raw 11-30 (Mon)
            csvLine("TUE", end: "2026-12-16"),    // raw 12-01 (Tue): due on the day of the restart
            csvLine("WED", end: "2026-12-17"),    // raw 12-02: not yet
        ]), via: notifier)
        cluster.clock.set(at("2026-11-26", 9, 5))
        #expect(try await eventually { try await finishedRuns(firstReminder) == ["2026-11-26"] })
        #expect(try await delivered(1, notifier: notifier, reminder: firstReminder))
        // Imported after Thursday's run; it would have gone on Friday, but its end date passes while the service is down.
        cluster.clock.set(at("2026-11-26", 15))
        _ = try await importCSV(csv([csvLine("GONE", end: "2026-11-28")]), via: notifier)

        await cluster.stop(service: "reminder")                       // down Fri, Sat, Sun, Mon
        cluster.clock.set(at("2026-12-01", 9, 30))                    // back on Tuesday
        let reminder = try await cluster.start(reminderMember(settings))
        #expect(try await eventually { try await finishedRuns(reminder) == ["2026-11-26", "2026-12-01"] })
        #expect(try await delivered(6, notifier: notifier, reminder: reminder))
        let sms = try await sentSMS(notifier)
        #expect(sms.map(\.key) == ["FRI", "MON", "SAT", "SUN", "THU", "TUE"].map { "reminder:\($0):ceo" })
        #expect(sms.allSatisfy { $0.calls == 1 })
        let report = try await reminder.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT selected, sent, expired FROM reminder_runs WHERE as_of = '2026-12-01'")
                .map { [$0[0] as Int, $0[1] as Int, $0[2] as Int] }
        }
        #expect(report == [6, 5, 1])
        // Another run the same day (an operator's) finds nothing left.
        let again = try await notifier.request(RunReminders(asOf: "2026-12-01", dryRun: false), to: "reminder")
        #expect(again.selected == 0 && again.sent == 0)
        await cluster.shutdown()
    }

    @Test("restart mid-run: the run resumes, nothing is sent twice and nothing is missed")
    func restartMidRun() async throws {
        let cluster = try TestCluster(start: at("2026-11-24", 8))
        let (reminder, notifier, _) = try await startCluster(cluster)
        let lines = (0..<600).map { csvLine(String(format: "R%03d", $0), member: $0 % 7, end: "2026-12-09") }   // send 11-24
        #expect(try await importCSV(csv(lines), via: notifier).accepted == 600)
        let partial = try await runner(cluster, batchSize: 50).runOnce(asOf: date("2026-11-24"), now: at("2026-11-24", 9),
                                                                       dryRun: false, maxBatches: 3)
        #expect(partial.sent == 150)
        let unfinished = try await reminder.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminder_runs WHERE finished_at IS NULL")
        }
        #expect(unfinished == 1)
        // The process dies with SMS requests still in its outbox; it comes back with its scheduler on.
        await cluster.stop(service: "reminder")
        cluster.clock.set(at("2026-11-24", 9, 30))
        let restarted = try await cluster.start(reminderMember(["run_at": "09:00", "poll_milliseconds": "20", "batch_size": "50"]))
        #expect(try await delivered(600, notifier: notifier, reminder: restarted))
        let sms = try await sentSMS(notifier)
        #expect(Set(sms.map(\.key)) == Set((0..<600).map { String(format: "reminder:R%03d:ceo", $0) }))
        #expect(sms.allSatisfy { $0.calls == 1 })
        let runs = try await restarted.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT selected, sent, finished_at IS NOT NULL FROM reminder_runs")
                .map { [$0[0] as Int, $0[1] as Int, $0[2] as Int] }
        }
        #expect(runs == [[600, 600, 1]])
        await cluster.shutdown()
    }

    @Test("issuance result: a transactional SMS at once and one mileage credit, each once")
    func issuance() async throws {
        let cluster = try TestCluster()
        let (reminder, notifier, billing) = try await startCluster(cluster)
        let event = GuaranteeIssued(
            guarantee: ReminderGuarantee(guaranteeNo: "I-1", businessNumber: businessNumber(3), kind: "계약보증", amount: 30_000_000,
                                         startDate: "2026-11-23", endDate: "2027-11-22"),
            member: ReminderMember(businessNumber: businessNumber(3), companyName: "회사3", ceoName: "대표3", ceoMobile: "010-0000-0003"),
            contactMobile: "010-1000-0033", institution: "member-3")
        for _ in 0..<2 {
            _ = try await notifier.write { db, outbox in try outbox.send(event, in: db) }
        }
        #expect(try await delivered(1, notifier: notifier, reminder: reminder))
        let sms = try await sentSMS(notifier)
        #expect(sms.first?.key == "issuance:I-1" && sms.first?.transactional == true && sms.first?.phone == "01010000033")
        let usage = try await eventually {
            try await billing.store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT event_id, item, quantity, calls FROM usage")
            }.count == 1
        }
        #expect(usage)
        let row = try await billing.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT event_id, item, quantity, calls FROM usage").map {
                "\($0[0] as String) \($0[1] as String) \($0[2] as Int) \($0[3] as Int)"
            }
        }
        #expect(row == "mileage.credit:I-1 mileage.credit 1 1")
        let stored = try await reminder.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT send_date FROM guarantees WHERE guarantee_no = 'I-1'")
        }
        #expect(stored == "2027-11-05")   // 2027-11-07 (Sun) → Friday 11-05
        await cluster.shutdown()
    }
}
