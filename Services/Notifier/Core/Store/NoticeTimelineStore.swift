import Foundation
import GRDB
import Schema

/// The timeline of a notice: its lifecycle columns plus the `notice_event` rows, oldest first.
enum NoticeTimelineStore {
    static func add(_ seq: Int64, _ event: String, at: Date, detail: String? = nil, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO notice_event (notice_seq, event, at, detail) VALUES (?, ?, ?, ?)")
            .execute(arguments: [seq, event, Millis.of(at), detail.map { String($0.prefix(200)) }])
    }

    static func entries(of notice: NoticeRow, in db: Database) throws -> [NoticeTransition] {
        var entries: [(Int, NoticeTransition)] = []
        func add(_ rank: Int, _ state: NoticeState, _ at: Date?, _ detail: String? = nil) {
            if let at { entries.append((rank, NoticeTransition(event: state.rawValue, at: at, detail: detail))) }
        }
        add(0, .accepted, notice.acceptedAt)
        add(1, .scheduled, notice.scheduledAt)
        add(2, .sending, notice.sendingAt)
        add(3, .sent, notice.sentAt, notice.channel?.rawValue)
        add(4, .delivered, notice.deliveredAt)
        add(5, .read, notice.readAt)
        if [.failed, .unreachable, .expired].contains(notice.state) { add(6, notice.state, notice.finalAt, notice.reason) }
        let rows = try Row.fetchAll(db, sql: "SELECT event, at, detail FROM notice_event WHERE notice_seq = ? ORDER BY rowid",
                                    arguments: [notice.seq])
        for row in rows {
            entries.append((3, NoticeTransition(event: row["event"], at: Millis.date(row["at"] as Int64), detail: row["detail"])))
        }
        return entries.enumerated().sorted { lhs, rhs in
            lhs.element.1.at != rhs.element.1.at ? lhs.element.1.at < rhs.element.1.at
                : (lhs.element.0, lhs.offset) < (rhs.element.0, rhs.offset)
        }.map(\.element.1)
    }
}
