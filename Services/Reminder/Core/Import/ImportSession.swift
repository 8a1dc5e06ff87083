import Formats
import Foundation
import GRDB
import Runtime
import Schema

/// The state of one import: reads records, validates them, and writes valid rows in batches.
///
/// Used both by the streaming file importer (a transaction per batch) and by the bus command
/// (all inside the inbox transaction). A member repeated on many rows is written once per import.
// `@unchecked Sendable`: one import runs on one task at a time; the store closure only borrows it.
final class ImportSession: @unchecked Sendable {
    /// Errors kept in the report; further bad rows are still counted (rows − accepted).
    static let errorLimit = 10_000

    private let guarantees: GuaranteeDirectory
    private let actor: String
    private let institution: String?
    private let now: Date
    private var pending: [GuaranteeRow] = []
    private var seenMembers: [String: Member] = [:]
    private var sawFirstRecord = false
    private(set) var report = GuaranteeImportReport()

    init(calendar: BusinessCalendar, actor: String, institution: String? = nil, now: Date) {
        guarantees = GuaranteeDirectory(calendar: calendar)
        self.actor = actor
        self.institution = institution
        self.now = now
    }

    /// Rows waiting to be written.
    var pendingCount: Int { pending.count }

    /// Validates one record; bad ones go to the report with their line.
    func accept(_ record: CSVRecord) {
        defer { sawFirstRecord = true }
        if !sawFirstRecord, record.error == nil, GuaranteeRow.isHeader(record) { return }
        report.rows += 1
        do {
            pending.append(try GuaranteeRow(record))
        } catch {
            if report.errors.count < Self.errorLimit { report.errors.append(error.reply(line: record.line)) }
        }
    }

    /// Writes the pending rows in `db` (the caller's transaction).
    func flush(_ db: Database) throws {
        let members = MemberDirectory(db: db, actor: actor, now: now)
        for row in pending {
            let key = row.member.businessNumber.digits
            if seenMembers[key] != row.member {
                _ = try members.upsert(row.member)
                seenMembers[key] = row.member
            }
        }
        // Guarantees do not refer to members in the store, so writing them after the batch's
        // members, many per statement, stores exactly what row-by-row writing did.
        report.changed += try guarantees.upsertAll(pending.map(\.guarantee), institution: institution, in: db)
        report.accepted += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
