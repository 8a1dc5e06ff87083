import Foundation
import Schema
import Testing

@Suite("Envelope header and ids")
struct HeaderCodecTests {
    let now = Date(timeIntervalSince1970: 1_795_399_200)

    @Test("a header survives encode/decode with every optional field")
    func roundTrip() throws {
        var header = EnvelopeHeader(
            id: MessageID.make(now: now), type: "identity.resolve", version: 3, source: "notifier/1",
            destination: "identity", correlationId: MessageID.make(now: now), causationId: MessageID.make(now: now),
            attempt: 7)
        header.createdAt = 1_795_399_200_123
        #expect(try HeaderCodec.decode(HeaderCodec.encode(header)) == header)
        let bare = EnvelopeHeader(id: MessageID.make(now: now), type: "t", source: "a/1", destination: "b")
        #expect(try HeaderCodec.decode(HeaderCodec.encode(bare)) == bare)
    }

    @Test("truncated, extended or garbage headers are typed errors")
    func malformed() throws {
        let good = HeaderCodec.encode(EnvelopeHeader(id: MessageID.make(now: now), type: "t", source: "a/1", destination: "b"))
        for cut in [0, 1, 10, good.count - 1] {
            #expect(throws: BusError.self) { try HeaderCodec.decode(Array(good.prefix(cut))) }
        }
        #expect(throws: BusError.self) { try HeaderCodec.decode(good + [0]) }
        var wrongFormat = good
        wrongFormat[0] = 9
        #expect(throws: BusError.self) { try HeaderCodec.decode(wrongFormat) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let junk = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? HeaderCodec.decode(junk)  // must not crash
        }
    }

    @Test("ids are time-ordered, strictly increasing, and round-trip as text and bytes")
    func ids() throws {
        let ids = (0..<10_000).map { _ in MessageID.make(now: now) }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(Set(ids).count == ids.count)
        let later = MessageID.make(now: now.addingTimeInterval(1))
        #expect(later > ids.last!)
        #expect(ids[0].unixMilliseconds >= 1_795_399_200_000)
        #expect(MessageID(ids[5].description) == ids[5])
        #expect(MessageID(bytes: ids[5].bytes) == ids[5])
        #expect(MessageID("not-an-id") == nil)
        #expect(MessageID(bytes: [1, 2, 3]) == nil)
        #expect(ids[0].description.count == 36)
    }

    @Test("the registry refuses unknown types and future versions")
    func registry() throws {
        let registry = MessageRegistry([.command("x.do", handledBy: "x", version: 2)])
        let id = MessageID.make(now: now)
        #expect(throws: BusError.unknownMessageType("y.do")) {
            try registry.validate(EnvelopeHeader(id: id, type: "y.do", source: "a/1", destination: "x"))
        }
        #expect(throws: BusError.unsupportedVersion(type: "x.do", version: 3)) {
            try registry.validate(EnvelopeHeader(id: id, type: "x.do", version: 3, source: "a/1", destination: "x"))
        }
        #expect(try registry.validate(EnvelopeHeader(id: id, type: "x.do", version: 2, source: "a/1", destination: "x")).name == "x.do")
    }

    @Test("payload decoding names the bad field without echoing its value")
    func payloadErrors() throws {
        struct Probe: BusMessage {
            static let messageType = MessageType.command("probe", handledBy: "x")
            let ci: String
            let count: Int
        }
        let bad = Array(#"{"ci":"SECRET-VALUE","count":"many"}"#.utf8)
        do {
            _ = try PayloadCodec.decode(Probe.self, from: bad)
            Issue.record("decoded a wrong type")
        } catch {
            #expect(error.description.contains("count"))
            #expect(!error.description.contains("SECRET"))
        }
    }
}
