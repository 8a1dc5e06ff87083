import Bus
import Foundation
import Schema
import Testing
import ZeroMQ

@Suite("Wire protocol")
struct WireMessageTests {
    let header = EnvelopeHeader(
        id: MessageID.make(now: Date(timeIntervalSince1970: 1_795_399_200)), type: "t.x", source: "a/1", destination: "b")

    @Test("every command round-trips through its frames")
    func roundTrip() throws {
        let ids = (0..<3).map { _ in MessageID.make(now: Date(timeIntervalSince1970: 1_795_399_200)) }
        let messages: [WireMessage] = [
            .ready, .heartbeat, .disconnect, .message(header: header, payload: [1, 2, 3]),
            .ack(destination: "a/1", ids: ids), .nack(destination: "a/1", ids: ids, reason: "gone"),
        ]
        for message in messages {
            #expect(try WireMessage(frames: message.frames[...]) == message)
        }
    }

    @Test("wrong tag, unknown command, missing frames and bad id lists are typed errors")
    func malformed() throws {
        let good = WireMessage.message(header: header, payload: []).frames
        var wrongTag = good
        wrongTag[0] = Frame("SD2")
        var unknown = good
        unknown[1] = Frame("PING")
        let cases: [[Frame]] = [
            [], [WireMessage.tag], wrongTag, unknown, Array(good.prefix(3)), good + [Frame("extra")],
            [WireMessage.tag, Frame("MSG"), Frame([0xFF, 0x00]), Frame([])],
            [WireMessage.tag, Frame("ACK"), Frame("a/1"), Frame([1, 2, 3])],
            [WireMessage.tag, Frame("ACK"), Frame(""), Frame([])],
        ]
        for frames in cases {
            #expect(throws: BusError.self) { try WireMessage(frames: frames[...]) }
        }
    }
}
