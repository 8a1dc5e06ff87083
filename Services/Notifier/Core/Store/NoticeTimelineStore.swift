import Foundation
import GRDB
import Schema

/// The timeline of a notice, oldest first: its acceptance, every transition with the event that
/// justified it (`notice_transition`, written by `NoticeLifecycle`), and the other events
/// (`notice_event`: provider fallbacks, retries, reminders, refused late events, …).
enum NoticeTimelineStore {
    static func add(_ seq: Int64, _ event: String, at: Date, detail: String? = nil, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO notice_event (notice_seq, event, at, detail) VALUES (?, ?, ?, ?)")
            .execute(arguments: [seq, event, Millis.of(at), detail.map { String($0.prefix(200)) }])
    }

    /// One recorded transition: the state reached, when, and the event that justified it.
    struct Transition: Sendable, Hashable {
        var state: String
        var at: Date
        var event: String
        var detail: String?
    }

    /// The transitions `NoticeLifecycle` recorded for a notice, oldest first.
    static func transitions(of seq: Int64, in db: Database) throws -> [Transition] {
        try Row.fetchAll(db, sql: "SELECT state, at, event, detail FROM notice_transition WHERE notice_seq = ? ORDER BY rowid",
                         arguments: [seq]).map {
            Transition(state: $0["state"], at: Millis.date($0["at"] as Int64), event: $0["event"], detail: $0["detail"])
        }
    }

    static func entries(of notice: NoticeRow, in db: Database) throws -> [NoticeTransition] {
        var entries: [(Int, NoticeTransition)] = [(0, NoticeTransition(event: NoticeState.accepted.rawValue, at: notice.acceptedAt))]
        for transition in try transitions(of: notice.seq, in: db) {
            let why = [transition.event, transition.detail].compactMap { $0 }.joined(separator: ": ")
            entries.append((1, NoticeTransition(event: transition.state, at: transition.at, detail: why)))
        }
        let rows = try Row.fetchAll(db, sql: "SELECT event, at, detail FROM notice_event WHERE notice_seq = ? ORDER BY rowid",
                                    arguments: [notice.seq])
        for row in rows {
            entries.append((2, NoticeTransition(event: row["event"], at: Millis.date(row["at"] as Int64), detail: row["detail"])))
        }
        return entries.enumerated().sorted { lhs, rhs in
            lhs.element.1.at != rhs.element.1.at ? lhs.element.1.at < rhs.element.1.at
                : (lhs.element.0, lhs.offset) < (rhs.element.0, rhs.offset)
        }.map(\.element.1)
    }
}
