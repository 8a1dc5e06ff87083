import Foundation
import GRDB
import Logging
import Schema

/// The only code that changes a notice's state (NO-2, X-6).
///
/// - Only the edges of `NoticeEdges` are taken; anything else is refused with a typed
///   `LifecycleError`, recorded on the notice's timeline as a `refused` event and logged.
/// - A change applies only to the notice as the caller read it (same state, same `state_at`,
///   same `due_at`): a cancel or pause that came in between makes a late step a refusal, so a
///   final state stays final and a cancelled notice is never sent or delivered.
/// - Each transition is recorded in `notice_transition` with the event that justifies it;
///   `delivered` needs a carrier receipt (its id is kept).
/// - Times never go backwards: a transition is recorded at the later of its own time and the
///   notice's previous transition.
/// - The usage (`notice.sent`, `notice.read`) and the vault evidence (`delivered`, `read`) a
///   transition causes are emitted by the transition, through the outbox, in the same
///   transaction, batched per `LifecycleBatch` (one usage and one evidence message per batch).
///
/// Callers open one `LifecycleBatch` per transaction: the send path stays one transaction per
/// pipeline step whatever the batch size.
struct NoticeLifecycle: Sendable {
    let ids: NoticeIDs
    let logger: Logger

    /// One edge of a transition: the state reached, the event that justifies it, and its time.
    struct Step: Sendable, Hashable {
        var to: NoticeState
        var cause: TransitionCause
        var at: Date

        init(_ to: NoticeState, _ cause: TransitionCause, at: Date) {
            self.to = to
            self.cause = cause
            self.at = at
        }
    }

    /// Transitions inside the transaction of `db`; call `commit` before the transaction ends.
    func batch(_ db: Database) -> LifecycleBatch { LifecycleBatch(lifecycle: self, db: db) }

    /// Checks a path of steps from `state` against the edge table and the justifying events,
    /// without touching any store.
    static func check(_ steps: [Step], from state: NoticeState, notice: Int64) -> LifecycleError? {
        guard !steps.isEmpty else { return .illegalEdge(notice: notice, from: state, to: state) }
        var current = state
        for step in steps {
            if current.isFinal { return .finalState(notice: notice, state: current, attempted: step.to) }
            guard NoticeEdges.isLegal(current, step.to) else { return .illegalEdge(notice: notice, from: current, to: step.to) }
            guard step.cause.justifies(step.to) else { return .unjustified(notice: notice, to: step.to, cause: step.cause.name) }
            if case .carrierReceipt(let receipt) = step.cause, receipt.id.trimmingCharacters(in: .whitespaces).isEmpty {
                return .unjustified(notice: notice, to: step.to, cause: "a receipt without an id")
            }
            current = step.to
        }
        return nil
    }
}
