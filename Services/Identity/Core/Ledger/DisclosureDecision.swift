import Schema

/// The outcome of a disclosure request, after it was ledgered either way. A refusal is an
/// answer, not a thrown error, so the refused attempt's ledger row commits (a thrown error would
/// roll it back with the handler's savepoint).
enum DisclosureDecision {
    case released(Disclosure)
    case refused(ErrorReply)
}
