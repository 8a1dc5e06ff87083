import Bus
import Formats
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// bad input gets a typed error, and nothing else is lost.
@Suite(.serialized) struct BadInputTests {
    func code(_ body: () async throws -> Void) async -> String? {
        do { try await body() } catch BusError.rejected(let reply) { return reply.code.rawValue } catch { return "\(error)" }
        return nil
    }

    @Test func submitRefusals() async throws {
        let harness = try await Harness.start()
        #expect(await code { _ = try await harness.submit(ci: String(testCI(1).dropLast(4))) } == "invalid_ci")
        #expect(await code { _ = try await harness.submit(title: "  ") } == "empty_title")
        #expect(await code { _ = try await harness.submit(phone: "02-123-4567") } == "invalid_phone")
        #expect(await code { _ = try await harness.submit(cover: String(repeating: "가", count: 1_000)) } == "message_too_long")
        #expect(await code { _ = try await harness.submit(channel: .kakao) } == "kakao_template_required")
        let first = try await harness.submit(key: "k-1")
        let replay = try await harness.submit(key: "k-1")
        #expect(replay.noticeId == first.noticeId && replay.replayed)
        #expect(await code { _ = try await harness.submit(title: "다른 제목", key: "k-1") } == "idempotency_conflict")
        #expect(try await harness.wait(first.noticeId, for: .delivered).state == .delivered)
        await harness.shutdown()
    }

    @Test func unknownDocumentFailsTheNoticeOnly() async throws {
        let harness = try await Harness.start()
        let bad = try await harness.submit(phone: "010-8888-0001", document: "doc-missing")
        let good = try await harness.submit(phone: "010-8888-0002")
        let failed = try await harness.wait(bad.noticeId, for: .failed)
        #expect(failed.reason == "document_not_found")
        #expect(try await harness.wait(good.noticeId, for: .delivered).state == .delivered)
        #expect(try await harness.inbox("01088880001").isEmpty)
        #expect(harness.peers.usageCount("notice.sent:\(bad.noticeId)") == 0)
        await harness.shutdown()
    }

    @Test func otherInstitutionSeesNotFound() async throws {
        let harness = try await Harness.start()
        let notice = try await harness.submit()
        #expect(await code { _ = try await harness.client.request(NoticeStatusQuery(noticeId: notice.noticeId, institution: "other")) } == "notice_not_found")
        await harness.shutdown()
    }

    @Test func smsTooLongIsRefusedAndShortOneGoes() async throws {
        let harness = try await Harness.start()
        let long = String(repeating: "가", count: 1_500)
        #expect(await code {
            _ = try await harness.client.request(SendSMS(institution: "kb", phone: "010-9999-0001", text: long, idempotencyKey: "a"))
        } == "message_too_long")
        let short = try await harness.client.request(SendSMS(institution: "kb", phone: "010-9999-0001", text: "보증 만료 안내", idempotencyKey: "b"))
        #expect(short.kind == .sms)
        let lms = try await harness.client.request(SendSMS(institution: "kb", phone: "010-9999-0002", text: String(repeating: "가", count: 100), idempotencyKey: "c"))
        #expect(lms.kind == .lms)
        let again = try await harness.client.request(SendSMS(institution: "kb", phone: "010-9999-0001", text: "보증 만료 안내", idempotencyKey: "b"))
        #expect(again.messageId == short.messageId)
        #expect(try await eventually { try await harness.inbox("01099990001").count == 1 })
        #expect(try await eventually { harness.peers.usageCount("sms.sent:\(short.messageId)") == 1 })
        await harness.shutdown()
    }

    /// Campaign files are read by the shared reader (Formats): quotes may span lines, and a
    /// campaign resumed at any byte offset reads the same records as one reading of the whole file.
    @Test func campaignChunksReadTheSameRecordsAtAnyChunkSize() throws {
        let text = "phone,reference\r\n010-1000-0001,\"a, b\"\n010-1000-0002,\"two\nlines\"\r010-1000-0003,x\"y\n\n"
            + "010-1000-0004,\"say \"\"hi\"\"\"\r\n010-1000-0005\n010-1000-0006,last"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        func readAll(maximumBytes: Int, maximumRows: Int) throws -> [String] {
            var offset: Int64 = 0, line = 1, out: [String] = [], fieldCount: Int?
            for _ in 0..<200 {
                let chunk = try CampaignChunk.read(path: url.path, offset: offset, firstLine: line, fieldCount: fieldCount,
                                                   maximumRows: maximumRows, maximumBytes: maximumBytes)
                for record in chunk.records {
                    if fieldCount == nil, record.error == nil { fieldCount = record.fieldCount }
                    out.append("\(record.line)|" + (record.error.map { "!\($0.code)" } ?? record.fields.joined(separator: "¦")))
                }
                if chunk.overlong { out.append("overlong"); return out }
                offset = chunk.endOffset
                line = chunk.nextLine
                if chunk.atEnd { return out }
            }
            return out + ["no end"]
        }
        let whole = try readAll(maximumBytes: 1 << 20, maximumRows: 1000)
        #expect(whole == ["1|phone¦reference", "2|010-1000-0001¦a, b", "3|010-1000-0002¦two\nlines", "5|!broken_quote",
                          "7|010-1000-0004¦say \"hi\"", "8|!wrong_field_count", "9|010-1000-0006¦last"])
        for rows in [1, 2, 3] { #expect(try readAll(maximumBytes: 1 << 20, maximumRows: rows) == whole, "\(rows) rows a chunk") }
        for bytes in 40...text.utf8.count + 1 {
            #expect(try readAll(maximumBytes: bytes, maximumRows: 1000) == whole, "\(bytes) bytes a chunk")
        }
    }
}
