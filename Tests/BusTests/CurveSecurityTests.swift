import Bus
import Foundation
import Logging
import Schema
import Testing
import ZeroMQ

/// on tcp the broker runs CURVE with a ZAP allow-list of service public keys.
@Suite("Bus security (CURVE + ZAP)")
struct CurveSecurityTests {
    struct Fixture {
        let context: Context
        let broker: Broker
        let endpoint: String
        let brokerKeys: CurveKeyPair
    }

    func makeBroker(allowing allowed: [CurveKeyPair]) throws -> Fixture {
        let context = try Context()
        let brokerKeys = try CurveKeyPair.generate()
        var configuration = BrokerConfiguration(
            endpoint: "tcp://127.0.0.1:*",
            security: .curveServer(keys: brokerKeys, allowedClients: Set(allowed.map(\.publicKey))))
        configuration.heartbeatMilliseconds = 100
        var logger = Logger(label: "curve-test")
        logger.logLevel = .critical
        let broker = try Broker(configuration: configuration, context: context, logger: logger)
        try broker.start()
        return Fixture(context: context, broker: broker, endpoint: try #require(broker.boundEndpoint), brokerKeys: brokerKeys)
    }

    func curvePeer(_ fixture: Fixture, name: String, keys: CurveKeyPair) throws -> RawPeer {
        try RawPeer(context: fixture.context, endpoint: fixture.endpoint, name: name) { socket in
            try socket.setOption(.curveServerKey, fixture.brokerKeys.publicKey)
            try socket.setOption(.curvePublicKey, keys.publicKey)
            try socket.setOption(.curveSecretKey, keys.secretKey)
        }
    }

    @Test("listed peers talk over CURVE; an unlisted key can neither send nor receive")
    func allowList() throws {
        let alphaKeys = try CurveKeyPair.generate()
        let betaKeys = try CurveKeyPair.generate()
        let intruderKeys = try CurveKeyPair.generate()
        let fixture = try makeBroker(allowing: [alphaKeys, betaKeys])
        defer { fixture.broker.stop() }
        let alpha = try curvePeer(fixture, name: "alpha/1", keys: alphaKeys)
        let beta = try curvePeer(fixture, name: "beta/1", keys: betaKeys)
        #expect(try alpha.announce())
        #expect(try beta.announce())
        #expect(try alpha.socket.option(.mechanism) == .curve)

        let header = makeHeader(to: "beta", from: "alpha/1")
        try alpha.send(.message(header: header, payload: Array("secret payload".utf8)))
        #expect(try beta.next() == .message(header: header, payload: Array("secret payload".utf8)))

        // The intruder's handshake is refused by ZAP: its heartbeat is never answered, its
        // message never reaches beta, and messages for it are NACKed back (it is not a peer).
        let intruder = try curvePeer(fixture, name: "intruder/1", keys: intruderKeys)
        try? intruder.send(.ready)
        try? intruder.send(.message(header: makeHeader(to: "beta", from: "intruder/1"), payload: [1]))
        #expect(try intruder.receive(within: 500) == nil)
        #expect(try beta.next(within: 500) == nil)
        let toIntruder = makeHeader(to: "intruder", from: "alpha/1")
        try alpha.send(.message(header: toIntruder, payload: [2]))
        guard case .nack(_, let ids, _)? = try alpha.next() else {
            Issue.record("a message to a refused peer was not NACKed")
            return
        }
        #expect(ids == [toIntruder.id])
    }

    @Test("a peer that does not speak CURVE is refused too")
    func plainPeerRefused() throws {
        let alphaKeys = try CurveKeyPair.generate()
        let fixture = try makeBroker(allowing: [alphaKeys])
        defer { fixture.broker.stop() }
        let plain = try RawPeer(context: fixture.context, endpoint: fixture.endpoint, name: "plain/1")
        try? plain.send(.heartbeat)
        #expect(try plain.receive(within: 500) == nil)
    }

    @Test("payload bytes never appear in clear on the wire")
    func encryptedOnTheWire() throws {
        let alphaKeys = try CurveKeyPair.generate()
        let betaKeys = try CurveKeyPair.generate()
        let fixture = try makeBroker(allowing: [alphaKeys, betaKeys])
        defer { fixture.broker.stop() }
        // A tap between alpha and the broker records every byte alpha sends.
        let tap = try TCPTap(target: fixture.endpoint)
        defer { tap.stop() }
        let alpha = try RawPeer(context: fixture.context, endpoint: tap.endpoint, name: "alpha/1") { socket in
            try socket.setOption(.curveServerKey, fixture.brokerKeys.publicKey)
            try socket.setOption(.curvePublicKey, alphaKeys.publicKey)
            try socket.setOption(.curveSecretKey, alphaKeys.secretKey)
        }
        let beta = try curvePeer(fixture, name: "beta/1", keys: betaKeys)
        #expect(try alpha.announce())
        #expect(try beta.announce())
        let marker = Array("CONFIDENTIAL-MARKER-010-1234-5678".utf8)
        let header = makeHeader(to: "beta", from: "alpha/1")
        try alpha.send(.message(header: header, payload: marker))
        #expect(try beta.next() == .message(header: header, payload: marker))
        let captured = tap.captured
        #expect(captured.count > 100)   // the tap really saw the traffic
        #expect(!contains(captured, marker))
        #expect(!contains(captured, Array("beta".utf8)))   // not even the header's destination
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<start + needle.count].elementsEqual(needle)
        }
    }
}
