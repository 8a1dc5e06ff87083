@testable import BillingCore
import Foundation
import Schema
import Testing

/// The fast reader of `billing.recordUsage` payloads must give exactly what the shared decoder
/// gives, or decline (and then the shared decoder decides, errors included).
@Suite("RecordUsage payload reader")
struct PayloadReaderTests {
    static let start = Date(timeIntervalSince1970: 1_793_581_200)

    func shared(_ payload: [UInt8]) throws -> [UsageEvent] {
        try PayloadCodec.decode(RecordUsage.self, from: payload).events
    }

    @Test("events encoded by PayloadCodec read back identically, dates to the last bit")
    func roundTrip() throws {
        var events: [UsageEvent] = []
        for index in 0..<500 {
            // Whole, fractional and sub-millisecond instants, before and after 1970.
            let offset = Double(index) * 1_234.567_891 - 100_000
            events.append(UsageEvent(
                eventId: "notice.sent:N-\(index)-\(UUID().uuidString)", institution: index % 3 == 0 ? "기관-\(index)" : "inst-\(index % 7)",
                item: UsageItem.allCases[index % UsageItem.allCases.count], quantity: Int64(index * 37 - 100),
                occurredAt: index % 2 == 0 ? Self.start.addingTimeInterval(offset) : Date(timeIntervalSince1970: offset / 7),
                reference: index % 5 == 0 ? nil : "ref \"quoted\" back\\slash/slash\ttab\nline 문서-\(index)"))
        }
        let payload = try PayloadCodec.encode(RecordUsage(events: events))
        let fast = try #require(UsagePayloadReader.events(in: payload))
        // Everything but the instant survives as written (JSON milliseconds round sub-millisecond bits,
        // for both decoders alike: compared bit for bit below).
        #expect(fast.map(\.eventId) == events.map(\.eventId) && fast.map(\.reference) == events.map(\.reference))
        #expect(fast.map(\.institution) == events.map(\.institution) && fast.map(\.quantity) == events.map(\.quantity))
        #expect(fast == (try shared(payload)))
        for (mine, theirs) in zip(fast, try shared(payload)) {
            #expect(mine.occurredAt.timeIntervalSince1970.bitPattern == theirs.occurredAt.timeIntervalSince1970.bitPattern)
        }
    }

    @Test("hand-written JSON in the reader's subset: key order, spacing, null reference, exponent dates")
    func handWritten() throws {
        let text = """
             { "events" : [ { "reference" : null , "quantity" : 3, "occurredAt" : 1.7935812e12, "item" : "notice.read",
              "institution" : "acme", "eventId" : "e\\/1" },
            {"eventId":"e2","institution":"acme","item":"sms.sent","quantity":-2,"occurredAt":-1500.25} ] }
            """
        let payload = Array(text.utf8)
        let fast = try #require(UsagePayloadReader.events(in: payload))
        #expect(fast == (try shared(payload)))
        #expect(fast.map(\.eventId) == ["e/1", "e2"])
        #expect(fast[0].reference == nil)
        #expect(UsagePayloadReader.events(in: Array(#"{"events":[]}"#.utf8)) == [])
    }

    @Test("outside the subset the reader declines and the shared decoder decides", arguments: [
        #"{"events":[{"eventId":"\u0041","institution":"a","item":"notice.sent","quantity":1,"occurredAt":0}]}"#,
        #"{"events":[{"eventId":"e","institution":"a","item":"notice.sent","quantity":1,"occurredAt":0,"extra":1}]}"#,
        #"{"events":[{"eventId":"e","institution":"a","item":"notice.sent","quantity":1.0,"occurredAt":0}]}"#,
        #"{"events":[],"other":true}"#,
        #"{"events":[{"eventId":"e","institution":"a","item":"notice.sent","quantity":1,"occurredAt":0,"eventId":"f"}]}"#,
    ])
    func declines(text: String) throws {
        let payload = Array(text.utf8)
        #expect(UsagePayloadReader.events(in: payload) == nil)
        // Whatever the shared decoder makes of it is what billing uses.
        let viaShared = Result { try shared(payload) }
        let viaHandler = Result { try RecordUsagePayload.events(in: payload) }
        switch (viaShared, viaHandler) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("handler and shared decoder disagree on \(text)")
        }
    }

    @Test("a malformed payload is refused as the bus's malformed_payload", arguments: [
        #"{"events":[{"eventId":"e","institution":"a","item":"no.such.item","quantity":1,"occurredAt":0}]}"#,
        #"{"events":[{"eventId":"e","institution":"a","item":"notice.sent","occurredAt":0}]}"#,
        #"{"events":[{"eventId":"e","institution":"a","item":"notice.sent","quantity":99999999999999999999,"occurredAt":0}]}"#,
        #"{"events":{}}"#,
    ])
    func malformed(text: String) throws {
        let payload = Array(text.utf8)
        #expect(UsagePayloadReader.events(in: payload) == nil)
        #expect(throws: (any Error).self) { try RecordUsagePayload.events(in: payload) }
        #expect(throws: (any Error).self) { try shared(payload) }
    }
}
