import Bus
import Foundation
import GRDB
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Store

/// The reminder service with its settings overridden (the cluster's settings are shared).
func reminderMember(_ settings: [String: String] = ["run_at": "off"]) -> ClusterMember {
    ClusterMember(service: ReminderService.name, migrations: ReminderService.migrations, registry: ReminderService.registry) { env in
        let merged = env.settings.merging(settings) { _, new in new }
        return try await ReminderService.build(ServiceEnvironment(
            endpoint: env.endpoint, store: env.store, clock: env.clock, calendar: env.calendar, logger: env.logger,
            directory: env.directory, settings: merged))
    }
}

/// A fake notifier: records every `SendSMS` by idempotency key, counting applications (a second
/// application of one key would show as calls > 1), and accepts it.
let fakeNotifier = ClusterMember(
    service: "notifier",
    migrations: [Migration("fake-notifier") { db in
        try db.execute(sql: """
            CREATE TABLE sms (key TEXT PRIMARY KEY, phone TEXT, subject TEXT, text TEXT, transactional INTEGER, calls INTEGER, institution TEXT)
            """)
    }],
    registry: ReminderService.registry
) { env in
    env.endpoint.handle(SendSMS.self) { request, context in
        try context.db.execute(sql: """
            INSERT INTO sms (key, phone, subject, text, transactional, calls, institution) VALUES (?, ?, ?, ?, ?, 1, ?)
            ON CONFLICT (key) DO UPDATE SET calls = calls + 1
            """, arguments: [request.idempotencyKey, request.phone, request.subject, request.text, request.transactional,
                             request.institution])
        return SMSAccepted(messageId: request.idempotencyKey, kind: request.subject == nil ? .sms : .lms,
                           scheduledAt: context.now, idempotencyKey: request.idempotencyKey)
    }
    return []
}

/// A fake billing: records usage events by id, counting applications.
let fakeBilling = ClusterMember(
    service: "billing",
    migrations: [Migration("fake-billing") { db in
        try db.execute(sql: "CREATE TABLE usage (event_id TEXT PRIMARY KEY, item TEXT, quantity INTEGER, calls INTEGER, institution TEXT)")
    }],
    registry: ReminderService.registry
) { env in
    env.endpoint.handle(RecordUsage.self) { message, context in
        for event in message.events {
            try context.db.execute(sql: """
                INSERT INTO usage (event_id, item, quantity, calls, institution) VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (event_id) DO UPDATE SET calls = calls + 1
                """, arguments: [event.eventId, event.item.rawValue, event.quantity, event.institution])
        }
    }
    return []
}

struct SentSMS: Equatable {
    var key: String
    var phone: String
    var text: String
    var transactional: Bool
    var calls: Int
}

func sentSMS(_ notifier: BusEndpoint) async throws -> [SentSMS] {
    try await notifier.store.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT key, phone, text, transactional, calls FROM sms ORDER BY key").map {
            SentSMS(key: $0[0], phone: $0[1], text: $0[2], transactional: $0[3], calls: $0[4])
        }
    }
}

/// The institution each SMS was sent (and billed) for, by idempotency key.
func smsInstitutions(_ notifier: BusEndpoint) async throws -> [String: String] {
    try await notifier.store.pool.read { db in
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, institution FROM sms").map { ($0[0] as String, $0[1] as String) })
    }
}

/// Waits until the reminder's outbox is empty and the notifier has `count` messages.
func delivered(_ count: Int, notifier: BusEndpoint, reminder: BusEndpoint) async throws -> Bool {
    try await eventually(timeoutSeconds: 30) {
        let depth = try await reminder.store.pool.read { try OutboxTable.depth($0) }
        return try await sentSMS(notifier).count == count && depth == 0
    }
}

/// A valid business number for `n` (SPEC §6 check digit).
func businessNumber(_ n: Int) -> String {
    let nine = String(format: "%09d", 100_000_000 + n).compactMap(\.wholeNumberValue)
    return nine.map(String.init).joined() + String(BusinessNumber.checkDigit(nine + [0]))
}

/// One CSV line.
func csvLine(_ number: String, member n: Int = 1, mobile: String = "010-0000-0001", kind: String = "contract",
             amount: Int64 = 20_000_000, start: String = "2026-01-01", end: String) -> String {
    "\(number),\(businessNumber(n)),회사\(n),대표\(n),\(mobile),\(kind),\(amount),\(start),\(end)"
}

func csv(_ lines: [String]) -> String {
    (["guarantee_no,business_number,company_name,ceo_name,ceo_mobile,kind,amount,start_date,end_date"] + lines)
        .joined(separator: "\n") + "\n"
}

func date(_ text: String) -> LocalDate { LocalDate(text)! }

/// A runner on the running reminder's endpoint, as the scheduler builds it.
func runner(_ cluster: TestCluster, batchSize: Int = 500) -> ReminderRunner {
    ReminderRunner(endpoint: cluster.endpoint("reminder")!, calendar: cluster.calendar, logger: cluster.logger,
                   institution: "test", batchSize: batchSize)
}

/// Starts reminder + fake notifier + fake billing; returns (reminder, notifier, billing).
func startCluster(_ cluster: TestCluster, reminder settings: [String: String] = ["run_at": "off"]) async throws
    -> (reminder: BusEndpoint, notifier: BusEndpoint, billing: BusEndpoint)
{
    let notifier = try await cluster.start(fakeNotifier)
    let billing = try await cluster.start(fakeBilling)
    let reminder = try await cluster.start(reminderMember(settings))
    return (reminder, notifier, billing)
}

/// Imports CSV text over the bus (as the CLI would).
func importCSV(_ text: String, via client: BusEndpoint, institution: String? = nil) async throws -> GuaranteeImportReport {
    try await client.request(ImportGuarantees(csv: text, actor: "test", institution: institution), to: "reminder", timeoutMilliseconds: 10_000)
}

/// KST instant of a date at hour:minute.
func at(_ day: String, _ hour: Int = 9, _ minute: Int = 0) -> Date { KST.instant(date(day), hour: hour, minute: minute) }
