import Schema

/// The legal edges of a notice's lifecycle (NO-2), written once, as data. `NoticeLifecycle`
/// refuses every other change; the tests walk every pair of states against this table.
///
/// The chain is `accepted → scheduled → sending → sent → delivered → read`, with these readings:
/// - a notice due inside the sending window goes from `accepted` straight to `sending` (it is
///   not held anywhere; the architecture's step marks it `scheduled` *or* `sending`);
/// - `sending → scheduled` is a retry (no provider could take it now) or a restart that caught it
///   mid-send; the provider de-duplicates the re-send by reference (NO-8);
/// - `delivered` is entered only from `sent` and only with a carrier receipt: a provider
///   that answers with its receipt at once yields `sending → sent → delivered` in one write;
/// - `sent → read`: the recipient opened the link before the carrier's receipt came (the view
///   itself is the evidence of reading; no `delivered` is invented for it);
/// - the end states `read`, `failed(reason)`, `unreachable(reason)`, `expired` have no way out.
enum NoticeEdges {
    static let table: [NoticeState: Set<NoticeState>] = [
        .accepted: [.scheduled, .sending, .failed, .unreachable],
        .scheduled: [.sending, .failed, .unreachable],
        .sending: [.scheduled, .sent, .failed],
        .sent: [.delivered, .read, .failed, .expired],
        .delivered: [.read, .expired],
        .read: [],
        .failed: [],
        .unreachable: [],
        .expired: [],
    ]

    static func isLegal(_ from: NoticeState, _ to: NoticeState) -> Bool { table[from]?.contains(to) ?? false }

    /// States from which `to` can be reached in one edge (used by the set-based transitions).
    static func sources(of to: NoticeState) -> [NoticeState] {
        NoticeState.allCases.filter { isLegal($0, to) }
    }
}
