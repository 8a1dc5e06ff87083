import Bus
import Foundation
import GRDB
import Logging
import Runtime
import Schema
import ServiceLifecycle

/// Daily storage metering (VA-8): after each KST day ends, emits one `vault.storage.day` usage
/// event per institution with the bytes it kept that day, in hundredths of a MB (1 MB = 2²⁰
/// bytes), rounded half up. Event ids are `vault.storage.day:<institution>:<date>`, so a re-run
/// bills nothing twice. Tests call `tick` with the fake clock.
public struct StorageMeter: Service {
    let endpoint: BusEndpoint
    let clock: any WallClock
    let logger: Logger
    /// Real-time polling interval; the domain day always comes from the clock.
    let interval: Duration

    public init(endpoint: BusEndpoint, clock: any WallClock, logger: Logger, interval: Duration = .seconds(60)) {
        self.endpoint = endpoint
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        await PollingLoop.run(idle: interval, onError: { logger.error("storage metering failed", metadata: ["error": "\($0)"]) }) {
            _ = try await tick()
            return false
        }
    }

    /// Meters every complete KST day not metered yet; returns the usage events emitted.
    @discardableResult
    public func tick() async throws -> [UsageEvent] {
        let today = KST.localDate(of: clock.now)
        let now = clock.now
        return try await endpoint.write { db, outbox in
            guard let start = try Self.firstDay(db) else { return [] }
            var events: [UsageEvent] = []
            var day = start
            while day < today {
                let dayEvents = try Self.usage(on: day, at: now, in: db)
                if !dayEvents.isEmpty { try outbox.send(RecordUsage(events: dayEvents), in: db) }
                events += dayEvents
                try db.execute(sql: "INSERT INTO metering_state (id, last_day) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET last_day = excluded.last_day",
                               arguments: [day.description])
                day = day.adding(days: 1)
            }
            return events
        }
    }

    static func firstDay(_ db: Database) throws -> LocalDate? {
        if let last = try String.fetchOne(db, sql: "SELECT last_day FROM metering_state WHERE id = 1"), let date = LocalDate(last) {
            return date.adding(days: 1)
        }
        guard let first = try Int64.fetchOne(db, sql: "SELECT MIN(registered_at) FROM document") else { return nil }
        return KST.localDate(of: Date(timeIntervalSince1970: Double(first) / 1000))
    }

    /// Bytes kept per institution on `day`: registered before its end, not destroyed before its start.
    static func usage(on day: LocalDate, at now: Date, in db: Database) throws -> [UsageEvent] {
        let start = VaultKeys.millis(KST.instant(day))
        let end = VaultKeys.millis(KST.instant(day.adding(days: 1)))
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.institution, SUM(d.size) AS bytes FROM document d JOIN document_state s USING (document_id)
            WHERE d.registered_at < ? AND (s.destroyed_at IS NULL OR s.destroyed_at >= ?)
            GROUP BY d.institution ORDER BY d.institution
            """, arguments: [end, start])
        return rows.compactMap { row in
            let bytes: Int64 = row["bytes"]
            let hundredths = megabyteHundredths(bytes)
            guard hundredths > 0 else { return nil }
            let institution: String = row["institution"]
            return UsageEvent(eventId: "vault.storage.day:\(institution):\(day)", institution: institution, item: .storageDay,
                              quantity: hundredths, occurredAt: KST.instant(day, hour: 23, minute: 59, second: 59),
                              reference: day.description)
        }
    }

    /// Bytes → hundredths of a MB, half up (1.005 MB → 1.01).
    public static func megabyteHundredths(_ bytes: Int64) -> Int64 {
        let megabyte: Int64 = 1_048_576
        return (bytes * 200 + megabyte) / (2 * megabyte)
    }
}
