import Foundation
import GRDB
import Runtime
import Schema

/// Records usage events exactly once by event id (BI-4) and keeps the running aggregates the
/// invoices read, in the caller's transaction (the inbox's, for `RecordUsage`).
///
/// A bad event (no institution, negative quantity, no id) is refused alone with its typed
/// error and kept in `usage_rejection`; the good events of the same batch are recorded. An event
/// whose institution has no subscription yet is parked (`UsageParking`, BI-6), not refused.
public enum UsageLedger {
    /// Checks what can be checked without the store.
    public static func validate(_ event: UsageEvent) throws(BillingError) {
        guard !event.eventId.isEmpty else { throw .missingEventId }
        guard event.quantity >= 0 else { throw .negativeQuantity(eventId: event.eventId) }
        guard !event.institution.isEmpty else { throw .unknownInstitution(event.institution) }
    }

    /// The key an event is recorded under: its id, except that a read is keyed by its notice,
    /// so a notice's read is billed once whatever ids its reports carry (BI-1).
    static func dedupeKey(_ event: UsageEvent) -> String {
        if event.item == .noticeRead, let notice = event.reference, !notice.isEmpty {
            return "notice.read|\(event.institution)|\(notice)"
        }
        return event.eventId
    }

    public static func record(_ events: [UsageEvent], receivedAt: Date, in db: Database) throws -> UsageOutcome {
        var outcome = UsageOutcome()
        var router = MonthRouter()
        var months = MonthNames()
        try router.prepare(Set(events.map(\.institution)), in: db)
        // First the checks and the months, then every key in one go (multi-row statements),
        // then the effects in event order — the order recording each event alone would give.
        var routes: [Result<Route, BillingError>] = []
        routes.reserveCapacity(events.count)
        var rows: [EventKeyWriter.Row] = []
        rows.reserveCapacity(events.count)
        for event in events {
            do {
                try validate(event)
                let usage = BillingMonth(of: event.occurredAt)
                guard let billing = router.billingMonth(institution: event.institution, usage: usage) else {
                    throw BillingError.unknownInstitution(event.institution)
                }
                let billingName = months.name(billing)
                let millis = Int64((event.occurredAt.timeIntervalSince1970 * 1000).rounded(.down))
                routes.append(.success(Route(row: rows.count, billingMonth: billingName, usageMonth: months.name(usage))))
                rows.append(EventKeyWriter.Row(key: dedupeKey(event), institution: event.institution, item: event.item.rawValue,
                                               quantity: event.quantity, occurredAt: millis, billingMonth: billingName))
            } catch let error as BillingError {
                routes.append(.failure(error))
            }
        }
        let fresh = try EventKeyWriter.insert(rows, in: db)
        var aggregates: [AggregateKey: Int64] = [:]
        var storage: [StorageKey: Int64] = [:]
        for (event, planned) in zip(events, routes) {
            let route: Route
            switch planned {
            case .failure(let error):
                // BI-6: an institution without a subscription (yet) is no reason to lose usage:
                // the event waits in `usage_parked` and is billed when the subscription appears.
                if case .unknownInstitution = error, !event.institution.isEmpty {
                    if try UsageParking.park(event, reason: error.code, at: receivedAt, in: db) { outcome.parked += 1 } else { outcome.duplicates += 1 }
                    continue
                }
                outcome.rejected.append(.init(eventId: event.eventId, error: error))
                try reject(event, error, at: receivedAt, in: db)
                continue
            case .success(let routed): route = routed
            }
            guard fresh[route.row] else {
                outcome.duplicates += 1
                continue
            }
            outcome.applied += 1
            let billingName = route.billingMonth, usageName = route.usageMonth
            switch event.item {
            case .storageDay:
                let day = KST.localDate(of: event.occurredAt).description
                storage[StorageKey(institution: event.institution, day: day, billingMonth: billingName), default: 0] += event.quantity
            case .mileageCredit:
                try MileageLedger.earn(institution: event.institution, quantity: event.quantity, at: event.occurredAt,
                                       eventKey: event.eventId, in: db)
            case .smsSent:
                let split = try MileageLedger.spend(institution: event.institution, quantity: event.quantity,
                                                    at: event.occurredAt, eventKey: event.eventId, in: db)
                if split.free > 0 {
                    aggregates[AggregateKey(institution: event.institution, billingMonth: billingName, usageMonth: usageName, item: PriceKey.freeSMS), default: 0] += split.free
                }
                if split.charged > 0 {
                    aggregates[AggregateKey(institution: event.institution, billingMonth: billingName, usageMonth: usageName, item: event.item.rawValue), default: 0] += split.charged
                }
            default:
                aggregates[AggregateKey(institution: event.institution, billingMonth: billingName, usageMonth: usageName, item: event.item.rawValue), default: 0] += event.quantity
            }
        }
        try AggregateWriter.add(aggregates, in: db)
        try AggregateWriter.add(storage, in: db)
        return outcome
    }

    /// Where an accepted event goes: its `usage_event` row and its months.
    private struct Route {
        var row: Int
        var billingMonth: String
        var usageMonth: String
    }

    private static func reject(_ event: UsageEvent, _ error: BillingError, at: Date, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO usage_rejection (event_id, institution, item, code, message, received_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [event.eventId, event.institution, event.item.rawValue, error.code.rawValue, error.description,
                             Int64(at.timeIntervalSince1970 * 1000)])
    }
}
