import Formats
import Foundation
import Runtime
import GRDB
import Schema
import ServiceLifecycle

/// Streams running campaigns' CSV files into notices (NO-7): a chunk at a time from the stored
/// byte offset, one transaction per chunk holding its notices, its bad rows and the new offset —
/// so a restart resumes exactly after the last committed row, never twice, never skipping.
struct CampaignReader: Service {
    let context: NotifierContext
    static let chunkBytes = 1 << 20

    func run() async throws {
        let logger = context.logger
        await PollingLoop.run(
            idle: .milliseconds(max(context.settings.pollMilliseconds, 50)),
            onError: { logger.error("campaign reading step failed; retried", metadata: ["error": "\($0)"]) }
        ) { try await step() }
    }

    func step() async throws -> Bool {
        let campaigns = try await context.endpoint.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaign WHERE state = 'running' ORDER BY rowid").map(CampaignRecord.init(row:))
        }
        var worked = false
        for campaign in campaigns { worked = try await readChunk(campaign) || worked }
        return worked
    }

    /// Reads and stores one chunk; false when the campaign had nothing left.
    func readChunk(_ campaign: CampaignRecord) async throws -> Bool {
        let now = context.now
        let chunk: CampaignChunk
        do {
            chunk = try CampaignChunk.read(path: campaign.path, offset: campaign.byteOffset, firstLine: campaign.nextLine,
                                           fieldCount: campaign.header?.count, maximumRows: context.settings.campaignBatch,
                                           maximumBytes: Self.chunkBytes)
        } catch {
            try await fail(campaign, ErrorCode.csvUnreadable.reply("the file can no longer be read"))
            return false
        }
        if chunk.overlong {
            try await fail(campaign, ErrorCode.csvMalformed.reply("a line longer than \(Self.chunkBytes) bytes", line: chunk.nextLine))
            return false
        }
        var header = campaign.header
        var columns: [String: Int] = [:]
        var bad: [CampaignBadRow] = []
        var rows: [(line: Int, parsed: CampaignRowParser.Parsed)] = []
        for record in chunk.records {
            let line = record.line
            if let error = record.error {
                if header == nil {
                    try await fail(campaign, ErrorCode.csvMalformed.reply("header: \(error.reason)", line: line))
                    return false
                }
                bad.append(CampaignBadRow(line: line, code: ErrorCode.csvMalformed, message: error.reason))
                continue
            }
            let fields = record.fields
            guard let names = header else {
                do { columns = try CampaignRowParser.columns(fields) } catch {
                    try await fail(campaign, error)
                    return false
                }
                header = fields
                continue
            }
            if columns.isEmpty { columns = (try? CampaignRowParser.columns(names)) ?? [:] }
            let parser = CampaignRowParser(campaign: campaign, columns: columns, settings: context.settings, now: now)
            do { rows.append((line, try parser.parse(fields, line: line))) } catch {
                bad.append(CampaignBadRow(line: line, code: error.code, message: error.message))
            }
        }
        let finished = chunk.atEnd
        let dataRows = rows.count + bad.count
        let goodRows = rows, badRows = bad, finalHeader = header
        try await context.endpoint.write { db, _ in
            guard try String.fetchOne(db, sql: "SELECT state FROM campaign WHERE id = ?", arguments: [campaign.id]) == CampaignState.running.rawValue else { return }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO notice (institution, campaign_id, reference, ci, phone, title, cover, document_id, channel_pref,
                                    read_deadline, state, accepted_at, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)
                """)
            let at = Millis.of(now)
            for (_, parsed) in goodRows {
                try insert.execute(arguments: [
                    campaign.institution, campaign.id, parsed.reference, parsed.draft.ci, parsed.draft.phone, parsed.overrides.title,
                    parsed.overrides.cover, parsed.overrides.document, campaign.channel.rawValue, parsed.overrides.deadline.map(Millis.of), at, at,
                ])
            }
            let badInsert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO campaign_bad_row (campaign_id, line, code, message) VALUES (?, ?, ?, ?)")
            for row in badRows { try badInsert.execute(arguments: [campaign.id, row.line, row.code.rawValue, row.message]) }
            var tally = CampaignTally()
            tally.add(campaign.id, state: NoticeState.accepted.rawValue, count: goodRows.count)
            try tally.flush(db)
            try db.execute(sql: """
                UPDATE campaign SET byte_offset = ?, next_line = ?, header = ?, rows_read = rows_read + ?, accepted = accepted + ?,
                  bad_rows = bad_rows + ?, state = ? WHERE id = ?
                """, arguments: [chunk.endOffset, chunk.nextLine, finalHeader?.joined(separator: ","), dataRows, goodRows.count, badRows.count,
                                 finished ? CampaignState.completed.rawValue : CampaignState.running.rawValue, campaign.id])
        }
        if finished {
            context.logger.info("campaign read", metadata: ["campaign": "\(campaign.id)", "line": "\(chunk.nextLine - 1)"])
        }
        return !chunk.records.isEmpty || finished
    }

    private func fail(_ campaign: CampaignRecord, _ error: ErrorReply) async throws {
        try await context.endpoint.write { db, _ in
            try db.execute(sql: "UPDATE campaign SET state = 'failed', error_code = ?, error_message = ?, error_line = ? WHERE id = ?",
                           arguments: [error.code.rawValue, error.message, error.line, campaign.id])
        }
        context.logger.warning("campaign failed", metadata: ["campaign": "\(campaign.id)", "code": "\(error.code)"])
    }
}
