import Foundation
import Schema
import Testing

/// The hand-written JSON of resolve traffic must be byte for byte what `Codable` writes, read
/// back the same values, and leave errors to `Codable`.
@Suite("Fast payloads")
struct FastPayloadTests {
    static let awkward = "기관 \"A\"/B\\C\n\t\u{1}\u{1f}é😀"
    static let ci = String(repeating: "Ab+/", count: 22)

    func codableBytes<M: Encodable>(_ value: M) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    func codableValue<M: Decodable>(_ type: M.Type, _ bytes: [UInt8]) throws -> M {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(bytes))
    }

    @Test("resolve requests write the bytes Codable writes and read back the same")
    func requests() throws {
        let singles = [ResolveCI(ci: Self.ci, institution: Self.awkward, noticeId: "n-1"),
                       ResolveCI(ci: Self.ci, institution: "bank", noticeId: Self.awkward, seed: UInt64.max)]
        for value in singles {
            let fast = try PayloadCodec.encode(value)
            #expect(fast == (try codableBytes(value)))
            let back = try PayloadCodec.decode(ResolveCI.self, from: fast)
            #expect(back.ci == value.ci && back.institution == value.institution && back.noticeId == value.noticeId && back.seed == value.seed)
        }
        let batch = ResolveBatch(cis: [Self.ci, "x"], noticeIds: [Self.awkward, "n-2"], institution: "기관", seed: 42)
        let fast = try PayloadCodec.encode(batch)
        #expect(fast == (try codableBytes(batch)))
        let back = try PayloadCodec.decode(ResolveBatch.self, from: fast)
        #expect(back.cis == batch.cis && back.noticeIds == batch.noticeIds && back.institution == batch.institution && back.seed == 42)
        let empty = ResolveBatch(cis: [], noticeIds: [], institution: "i")
        #expect(try PayloadCodec.encode(empty) == (try codableBytes(empty)))
    }

    @Test("resolutions write the bytes Codable writes and read back the same")
    func replies() throws {
        let reply = ResolveBatchReply(results: [
            .line(ResolvedLine(carrier: .kt, phone: "01012345678")),
            .line(ResolvedLine(carrier: .lgu, phone: "01098765432", mvnoHost: .kt)),
            .unreachable(.mvnoOnSKT),
        ])
        let fast = try PayloadCodec.encode(reply)
        #expect(fast == (try codableBytes(reply)))
        #expect(try PayloadCodec.decode(ResolveBatchReply.self, from: fast).results == reply.results)
        #expect(try codableValue(ResolveBatchReply.self, fast).results == reply.results)
        let single = Resolution.unreachable(.feature2G)
        #expect(try PayloadCodec.encode(single) == (try codableBytes(single)))
        #expect(try PayloadCodec.decode(Resolution.self, from: PayloadCodec.encode(single)) == single)
    }

    @Test("JSON from another writer — spaces, escapes, nulls, unknown members — reads the same")
    func otherWriters() throws {
        let text = """
            { "results" : [ { "phone" : "010\\u0031234\\/5678", "carrier" : "SKT", "mvnoHost" : null, "extra": {"a":[1,2,{}]} },
                            {"unreachable":"cancelled"}, {"carrier":"KT","phone":"\\ud83d\\ude00"} ], "note": "x" }
            """
        let reply = try PayloadCodec.decode(ResolveBatchReply.self, from: Array(text.utf8))
        #expect(reply.results == [.line(ResolvedLine(carrier: .skt, phone: "0101234/5678")), .unreachable(.cancelled),
                                  .line(ResolvedLine(carrier: .kt, phone: "😀"))])
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        let batch = ResolveBatch(cis: [Self.ci], noticeIds: ["n"], institution: Self.awkward)
        let back = try PayloadCodec.decode(ResolveBatch.self, from: Array(try pretty.encode(batch)))
        #expect(back.institution == Self.awkward && back.cis == [Self.ci])
    }

    @Test("a duplicated member is not scanned: the payload reads as Codable reads it")
    func duplicates() throws {
        let text = #"{"ci":"first","institution":"i","noticeId":"n","ci":"second"}"#
        var scanner = JSONScanner(Array(text.utf8))
        #expect(ResolveCI(scanning: &scanner) == nil)
        let viaCodec = Result { try PayloadCodec.decode(ResolveCI.self, from: Array(text.utf8)) }
        let viaCodable = Result { try codableValue(ResolveCI.self, Array(text.utf8)) }
        #expect((try? viaCodec.get())?.ci == (try? viaCodable.get())?.ci)
        let reply = #"{"results":[{"unreachable":"cancelled","unreachable":null,"carrier":"KT","phone":"p"}]}"#
        var replyScanner = JSONScanner(Array(reply.utf8))
        #expect(ResolveBatchReply(scanning: &replyScanner) == nil)
    }

    @Test("malformed payloads still get Codable's typed error naming the field")
    func malformed() throws {
        let cases: [(String, String)] = [
            (#"{"cis":7,"institution":"i","noticeIds":[]}"#, "cis"),
            (#"{"cis":["a"],"noticeIds":["n"]}"#, "institution"),
            (#"{"cis":["a"],"institution":"i","noticeIds":["n"],"seed":"x"}"#, "seed"),
            (#"{"cis":["a"],"institution":"i","noticeIds":["n"]} trailing"#, "payload"),
        ]
        for (text, field) in cases {
            do {
                _ = try PayloadCodec.decode(ResolveBatch.self, from: Array(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                guard case .malformedPayload(_, let reason) = error else { Issue.record("\(error)"); continue }
                #expect(reason.contains(field), "\(reason)")
            }
        }
        #expect(throws: BusError.self) {
            try PayloadCodec.decode(Resolution.self, from: Array(#"{"carrier":"XX","phone":"010"}"#.utf8))
        }
        #expect(throws: BusError.self) {
            try PayloadCodec.decode(ResolveCI.self, from: [0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])
        }
    }
}

/// The scanner's number, boolean and date readers accept exactly the plain forms and give up
/// (nil) on the rest, leaving those to `Codable`.
@Suite("JSON scanner values")
struct JSONScannerValueTests {
    func scan<T>(_ text: String, _ read: (inout JSONScanner) -> T?) -> T? {
        var scanner = JSONScanner(Array(text.utf8))
        guard let value = read(&scanner), scanner.atEnd() else { return nil }
        return value
    }

    @Test func integers() {
        #expect(scan("0") { $0.integer() } == 0)
        #expect(scan(" -42 ") { $0.integer() } == -42)
        #expect(scan("9223372036854775807") { $0.integer() } == Int.max)
        #expect(scan("-9223372036854775808") { $0.integer() } == Int.min)
        for refused in ["9223372036854775808", "-9223372036854775809", "1.0", "1e3", "-", "--1", "+1", "\"1\"", ""] {
            #expect(scan(refused) { $0.integer() } == nil, "\(refused)")
        }
    }

    @Test func booleans() {
        #expect(scan("true") { $0.bool() } == true)
        #expect(scan(" false") { $0.bool() } == false)
        for refused in ["True", "tru", "truex", "1", "null"] {
            #expect(scan(refused) { $0.bool() } == nil, "\(refused)")
        }
    }

    @Test func millisecondDatesMatchCodable() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        for text in ["1795399200123", "0", "-1000", "1"] {
            let expected = try decoder.decode(Date.self, from: Data(text.utf8))
            #expect(scan(text) { $0.millisecondsDate() } == expected, "\(text)")
        }
        #expect(scan("1795399200123.5") { $0.millisecondsDate() } == nil)  // a fraction: Codable's to read
        #expect(scan("9007199254740993") { $0.millisecondsDate() } == nil)  // beyond exact doubles
    }

    /// Strings are skipped eight bytes at a time: a quote, escape or control character must be
    /// seen at every offset within a word, and so must the end of the input.
    @Test func stringsMatchCodableAtEveryOffset() throws {
        for length in 0..<40 {
            let plain = String(repeating: "a", count: length)
            #expect(scan("\"\(plain)\"") { $0.string() } == plain)
            #expect(scan("\"\(plain)") { $0.string() } == nil, "unterminated after \(length)")
            for special in ["\\\"", "\\\\", "\\n", "\\u00e9", "한글", "\\ud83d\\ude00"] {
                let json = "\"\(plain)\(special)\(plain)\""
                let expected = try JSONDecoder().decode(String.self, from: Data(json.utf8))
                #expect(scan(json) { $0.string() } == expected, "\(special) after \(length)")
            }
            var control = Array("\"\(plain)x\(plain)\"".utf8)
            control[1 + length] = 0x0a  // a raw newline: JSON forbids it, and so does Codable
            #expect(scan(String(decoding: control, as: UTF8.self)) { $0.string() } == nil, "control after \(length)")
        }
        let high = String(repeating: "b", count: 20) + "\u{80}"  // bytes ≥ 0x80 are no control characters
        #expect(scan("\"\(high)\"") { $0.string() } == high)
        var invalid = Array("\"\(String(repeating: "c", count: 20))x\"".utf8)
        invalid[21] = 0xff  // not UTF-8
        var scanner = JSONScanner(invalid)
        #expect(scanner.string() == nil)
    }

    @Test func base64ReadsBytesAndLeavesEscapesToCodable() throws {
        let bytes: [UInt8] = Array(0..<200)
        let text = Data(bytes).base64EncodedString()
        try #require(text.contains("/"))
        #expect(scan("\"\(text)\"") { $0.base64() } == bytes)
        #expect(scan("\"\"") { $0.base64() } == [])
        #expect(scan("\"\(text.replacingOccurrences(of: "/", with: "\\/"))\"") { $0.base64() } == nil)
        #expect(scan("\"not base64!\"") { $0.base64() } == nil)
        #expect(scan("42") { $0.base64() } == nil)
    }
}
