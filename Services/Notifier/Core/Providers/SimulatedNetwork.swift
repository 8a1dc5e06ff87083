import Foundation
import Schema
import Synchronization

/// The simulated carriers' shared world: per-provider behaviour (latency, failure rate, outage
/// windows, channels a handset refuses) and a bounded record of what was "delivered".
///
/// Named and process-wide so a test cluster's restarted notifier meets the same network (and the
/// test can read it); a real deployment has one per process. De-duplicates by message reference,
/// like a gateway keyed by the client's message id: a re-send after a crash is counted, not delivered.
final class SimulatedNetwork: Sendable {
    struct Behaviour: Sendable {
        var latencyMilliseconds = 0
        var failureRate = 0.0
        var outages: [ClosedRange<Date>] = []
        /// Forced outage (tests and operators' drills).
        var down = false
        /// Channels this provider's handsets refuse (fall back).
        var rejectChannels: Set<NoticeChannel> = []
    }

    private struct State {
        var behaviours: [String: Behaviour] = [:]
        var records: [CarrierMessage] = []
        var next = 0
        var delivered: Set<String> = []
        var deliveredOrder: [String] = []
        var submissions = 0
        var duplicates = 0
    }

    let recordLimit: Int
    private let state = Mutex(State())
    /// The durable record, when the network runs in a real process (see ``SimulatedCarrierJournal``).
    private let journal = Mutex<SimulatedCarrierJournal?>(nil)
    private static let registry = Mutex<[String: SimulatedNetwork]>([:])

    init(recordLimit: Int) { self.recordLimit = max(1, recordLimit) }

    /// The network called `name`, created on first use.
    static func named(_ name: String, recordLimit: Int = 10_000) -> SimulatedNetwork {
        registry.withLock { table in
            if let existing = table[name] { return existing }
            let network = SimulatedNetwork(recordLimit: recordLimit)
            table[name] = network
            return network
        }
    }

    /// Keeps deliveries in `journal` from now on (the executable's default; tests stay in memory).
    func attach(_ journal: SimulatedCarrierJournal) { self.journal.withLock { $0 = journal } }

    func behaviour(of provider: String) -> Behaviour { state.withLock { $0.behaviours[provider] ?? Behaviour() } }

    /// Changes a provider's behaviour.
    func configure(_ provider: String, _ change: (inout Behaviour) -> Void) {
        state.withLock { change(&$0.behaviours[provider, default: Behaviour()]) }
    }

    /// Records a delivery; false when this reference was already delivered (a duplicate).
    func deliver(_ message: CarrierMessage) -> Bool {
        if let journal = journal.withLock({ $0 }) {
            // A journal that cannot be written counts as a failed delivery, never a silent success.
            let delivered = (try? journal.deliver(message)) ?? false
            state.withLock { state in
                state.submissions += 1
                if !delivered { state.duplicates += 1 }
            }
            return delivered
        }
        return state.withLock { state in
            state.submissions += 1
            guard state.delivered.insert(message.reference).inserted else {
                state.duplicates += 1
                return false
            }
            state.deliveredOrder.append(message.reference)
            // The de-duplication window is bounded (10× the record limit) like a real gateway's.
            if state.deliveredOrder.count > recordLimit * 10 {
                let drop = state.deliveredOrder.count / 2
                for reference in state.deliveredOrder.prefix(drop) { state.delivered.remove(reference) }
                state.deliveredOrder.removeFirst(drop)
            }
            if state.records.count < recordLimit {
                state.records.append(message)
            } else {
                state.records[state.next] = message
                state.next = (state.next + 1) % recordLimit
            }
            return true
        }
    }

    /// Messages delivered to `phone`, newest first.
    func inbox(_ phone: String, limit: Int) -> [CarrierMessage] {
        if let journal = journal.withLock({ $0 }) { return (try? journal.inbox(phone, limit: limit)) ?? [] }
        return state.withLock { state in
            Array(state.records.filter { $0.phone == phone }.sorted { $0.deliveredAt > $1.deliveredAt }.prefix(limit))
        }
    }

    /// Every recorded message (tests).
    var allRecords: [CarrierMessage] {
        if let journal = journal.withLock({ $0 }) { return (try? journal.all()) ?? [] }
        return state.withLock { $0.records }
    }
    /// Messages submitted, and how many of them were duplicates of an earlier reference.
    var counts: (submissions: Int, duplicates: Int) { state.withLock { ($0.submissions, $0.duplicates) } }
}
