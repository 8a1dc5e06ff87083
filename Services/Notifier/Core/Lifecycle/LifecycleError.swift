import Schema

/// Why `NoticeLifecycle` refused a change, or could not read a notice's state. Refusals are
/// recorded on the notice's timeline (`refused`) and logged; none of them changes the notice.
enum LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an edge of NO-2 (`NoticeEdges`), e.g. `read → sending`.
    case illegalEdge(notice: Int64, from: NoticeState, to: NoticeState)
    /// The notice is already in an end state: a late event (a receipt, a step that was in flight
    /// when the campaign was cancelled) never changes it.
    case finalState(notice: Int64, state: NoticeState, attempted: NoticeState)
    /// The notice changed since the caller read it (cancelled, paused, moved by another event):
    /// the caller's decision was made on an old state and is refused rather than guessed at.
    case stale(notice: Int64, expected: NoticeState, found: NoticeState)
    /// `delivered` without a carrier receipt, or another state without the event it needs.
    case unjustified(notice: Int64, to: NoticeState, cause: String)
    /// The store holds a state this version does not know (a corrupt row or a newer writer).
    case unknownStoredState(notice: Int64, raw: String)
    /// No such notice.
    case noticeNotFound(notice: Int64)

    var description: String {
        switch self {
        case .illegalEdge(_, let from, let to): "\(to.rawValue) is not reachable from \(from.rawValue)"
        case .finalState(_, let state, let attempted): "\(attempted.rawValue) refused: already \(state.rawValue)"
        case .stale(_, let expected, let found):
            expected == found ? "refused: the notice changed since it was read (paused, rescheduled or moved again)"
                : "refused: the notice is \(found.rawValue) now, not \(expected.rawValue)"
        case .unjustified(_, let to, let cause): "\(to.rawValue) needs its justifying event, not \(cause)"
        case .unknownStoredState(_, let raw): "unknown stored state \"\(raw.prefix(40))\""
        case .noticeNotFound: "no such notice"
        }
    }

    var notice: Int64 {
        switch self {
        case .illegalEdge(let notice, _, _), .finalState(let notice, _, _), .stale(let notice, _, _),
             .unjustified(let notice, _, _), .unknownStoredState(let notice, _), .noticeNotFound(let notice):
            notice
        }
    }

    /// The typed refusal a bus caller gets for it.
    var reply: ErrorReply {
        switch self {
        case .unknownStoredState: ErrorReply(code: .noticeStateUnknown, message: description, field: "noticeId")
        case .noticeNotFound: ErrorCode.noticeNotFound.reply(description, field: "noticeId")
        default: ErrorReply(code: .transitionRefused, message: description, field: "noticeId")
        }
    }
}

extension NoticeState {
    /// The state a notice row stores; an unknown value is a typed error, never a guess.
    static func stored(_ raw: String, notice: Int64) throws(LifecycleError) -> NoticeState {
        guard let state = NoticeState(rawValue: raw) else { throw .unknownStoredState(notice: notice, raw: raw) }
        return state
    }
}
