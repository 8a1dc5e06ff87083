import Bus
import Foundation
import GRDB
import Schema
import SongdalCrypto

/// `notifier.startCampaign`, `campaignProgress`, `controlCampaign` (NO-7).
enum CampaignHandlers {
    static func register(_ context: NotifierContext) {
        let endpoint = context.endpoint
        endpoint.handle(StartCampaign.self, reply: { request, handler in
            try start(request, context: context, now: handler.now, in: handler.db)
        })
        endpoint.answer(CampaignProgressQuery.self) { query, answer in
            try await answer.store.pool.read { db in try progress(query, in: db) }
        }
        endpoint.handle(ControlCampaign.self, reply: { request, handler in
            try CampaignControl.apply(request, lifecycle: context.lifecycle, now: handler.now, outbox: handler.outbox, in: handler.db)
        })
    }

    static func start(_ request: StartCampaign, context: NotifierContext, now: Date, in db: Database) throws -> CampaignStarted {
        try NoticeDraft.validateInstitution(request.institution)
        var unkeyed = request
        unkeyed.idempotencyKey = nil
        let bodyHash = SHA256.hex(Data(try PayloadCodec.encode(unkeyed)))
        if let key = request.idempotencyKey,
           let row = try Row.fetchOne(db, sql: "SELECT id, body_hash, state FROM campaign WHERE institution = ? AND idem_key = ?",
                                      arguments: [request.institution, key]) {
            guard row["body_hash"] as String == bodyHash else {
                throw ErrorCode.idempotencyConflict.reply("idempotency key already used with a different body", field: "idempotencyKey")
            }
            return CampaignStarted(campaignId: row["id"], state: CampaignState(rawValue: row["state"]) ?? .running, replayed: true)
        }
        guard request.path.hasPrefix("/"), FileManager.default.isReadableFile(atPath: request.path) else {
            throw ErrorCode.csvUnreadable.reply("the CSV file cannot be read", field: "path")
        }
        if let title = request.title, EUCKR.byteCount(title) > EUCKR.subject {
            throw ErrorCode.titleTooLong.reply("title over \(EUCKR.subject) EUC-KR bytes", field: "title")
        }
        if let document = request.documentId, !NoticeDraft.isValidDocumentId(document) {
            throw ErrorCode.invalidDocumentId.reply("document id must be 1–128 characters of A-Z a-z 0-9 . _ : -", field: "documentId")
        }
        if let deadline = request.readDeadline, deadline <= now {
            throw ErrorCode.invalidDeadline.reply("read deadline must be in the future", field: "readDeadline")
        }
        if request.channel == .kakao, (request.kakaoTemplateCode ?? "").isEmpty {
            throw ErrorCode.kakaoTemplateRequired.reply("KakaoTalk needs an approved template code", field: "kakaoTemplateCode")
        }
        let next = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) + 1 FROM campaign") ?? 1
        let id = context.ids.campaignId(next)
        try db.execute(sql: """
            INSERT INTO campaign (rowid, id, institution, name, path, idem_key, body_hash, title, cover, document_id, read_deadline,
                                  channel_pref, kakao_template, state, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)
            """, arguments: [next, id, request.institution, String(request.name.prefix(200)), request.path, request.idempotencyKey, bodyHash,
                             request.title, request.coverText, request.documentId, request.readDeadline.map(Millis.of),
                             request.channel.rawValue, request.kakaoTemplateCode, Millis.of(now)])
        context.logger.info("campaign started", metadata: ["campaign": "\(id)", "institution": "\(request.institution)"])
        return CampaignStarted(campaignId: id, state: .running, replayed: false)
    }

    static func progress(_ query: CampaignProgressQuery, in db: Database) throws -> CampaignProgress {
        _ = try CampaignRecord.owned(query.campaignId, institution: query.institution, in: db)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [query.campaignId]) else {
            throw ErrorCode.campaignNotFound.reply("no campaign \(query.campaignId)", field: "campaignId")
        }
        var states: [String: Int] = [:]
        for tally in try Row.fetchAll(db, sql: "SELECT state, count FROM campaign_tally WHERE campaign_id = ?", arguments: [query.campaignId]) {
            states[tally["state"]] = tally["count"]
        }
        let limit = min(max(query.badRowLimit ?? 100, 0), 10_000)
        let bad = try Row.fetchAll(db, sql: "SELECT line, code, message FROM campaign_bad_row WHERE campaign_id = ? ORDER BY line LIMIT ?",
                                   arguments: [query.campaignId, limit]).map {
            CampaignBadRow(line: $0["line"], code: ErrorCode(wire: $0["code"]), message: $0["message"])
        }
        let error = (row["error_code"] as String?).map { ErrorReply(code: ErrorCode(wire: $0), message: row["error_message"] ?? "", line: row["error_line"]) }
        return CampaignProgress(campaignId: query.campaignId, name: row["name"], state: CampaignState(rawValue: row["state"]) ?? .failed,
                                rowsRead: row["rows_read"], accepted: row["accepted"], states: states, badRowCount: row["bad_rows"],
                                badRows: bad, error: error)
    }
}
