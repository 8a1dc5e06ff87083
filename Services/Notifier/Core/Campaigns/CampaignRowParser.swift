import Foundation
import Runtime
import Schema

/// Turns one CSV row into a notice draft for its campaign, or a bad-row error with its line.
struct CampaignRowParser {
    let campaign: CampaignRecord
    let columns: [String: Int]
    let settings: NotifierSettings
    let now: Date

    /// A parsed row: the draft, and which fields it overrides (stored; the rest come from the campaign).
    struct Parsed {
        var draft: NoticeDraft
        var reference: String?
        var overrides: (title: String?, cover: String?, document: String?, deadline: Date?)
    }

    /// Column positions by header name; `csv_malformed` without a `ci` or `phone` column.
    static func columns(_ header: [String]) throws(ErrorReply) -> [String: Int] {
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            var key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if index == 0, key.hasPrefix("\u{FEFF}") { key.removeFirst() }
            columns[key] = columns[key] ?? index
        }
        guard columns["ci"] != nil || columns["phone"] != nil else {
            throw ErrorCode.csvMalformed.reply("the header needs a ci or phone column", line: 1)
        }
        return columns
    }

    func parse(_ fields: [String], line: Int) throws(ErrorReply) -> Parsed {
        func value(_ name: String) -> String? {
            guard let index = columns[name], index < fields.count else { return nil }
            let text = fields[index].trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : text
        }
        var overrides: Parsed = Parsed(
            draft: NoticeDraft(institution: campaign.institution, ci: value("ci"), phone: value("phone"),
                               title: value("title") ?? campaign.title ?? "", cover: value("cover") ?? campaign.cover ?? "",
                               documentId: value("document_id") ?? campaign.documentId ?? "", readDeadline: campaign.readDeadline,
                               channel: campaign.channel, kakaoTemplate: campaign.kakaoTemplate, buttons: []),
            reference: value("reference").map { String($0.prefix(128)) },
            overrides: (value("title"), value("cover"), value("document_id"), nil))
        if let text = value("read_deadline") {
            guard let deadline = Self.deadline(text) else {
                throw ErrorCode.invalidDeadline.reply("read_deadline is not a date", field: "read_deadline", line: line)
            }
            overrides.draft.readDeadline = deadline
            overrides.overrides.deadline = deadline
        }
        do {
            try overrides.draft.validate(now: now, settings: settings)
        } catch {
            var reply = error
            reply.line = line
            throw reply
        }
        return overrides
    }

    /// ISO-8601 instant, or `YYYY-MM-DD` meaning the end of that KST day.
    static func deadline(_ text: String) -> Date? {
        if let date = LocalDate(text) { return KST.instant(date.adding(days: 1)).addingTimeInterval(-1) }
        return ISO8601DateFormatter().date(from: text)
    }
}
