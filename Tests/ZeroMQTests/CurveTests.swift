import Foundation
import Testing
import ZeroMQ

@Suite("CURVE security and Z85")
struct CurveTests {
    @Test func generatedKeysAreZ85AndDistinct() throws {
        #expect(hasCapability("curve"))
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.utf8.count == 40)
        #expect(pair.secretKey.utf8.count == 40)
        #expect(Z85.decode(pair.publicKey)?.count == 32)
        #expect(Z85.decode(pair.secretKey)?.count == 32)
        #expect(pair.publicKey != pair.secretKey)
        #expect(try CurveKeyPair.generate() != pair)
    }

    @Test func publicKeyDerivesFromSecretKey() throws {
        let pair = try CurveKeyPair.generate()
        let derived = try CurveKeyPair(secretKey: pair.secretKey)
        #expect(derived == pair)
        let error = #expect(throws: ZMQError.self) { _ = try CurveKeyPair(secretKey: "not a key") }
        #expect(error?.code == ZMQError.invalidArgument)
    }

    @Test func z85MatchesTheSpecVectorAndRoundTrips() throws {
        let hello: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(hello) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == hello)
        let random = (0..<32).map { _ in UInt8.random(in: 0...255) }
        #expect(Z85.decode(try #require(Z85.encode(random))) == random)
        #expect(Z85.encode([1, 2, 3]) == nil)  // not a multiple of 4
        #expect(Z85.decode("abcd") == nil)  // not a multiple of 5
        #expect(Z85.decode("Hello\u{0}orld") == nil)
        #expect(Z85.encode([]) == "")
    }

    @Test func keyPairIsCodable() throws {
        let pair = try CurveKeyPair.generate()
        let json = try JSONEncoder().encode(pair)
        #expect(try JSONDecoder().decode(CurveKeyPair.self, from: json) == pair)
    }

    @Test func curveRoundTripOverTCP() throws {
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let context = try Context()

        let router = try makeSocket(context, .router)
        try router.setOption(.curveServer, true)
        try router.setOption(.curveSecretKey, server.secretKey)
        try router.bind("tcp://127.0.0.1:*")

        let dealer = try makeSocket(context, .dealer)
        try dealer.setOption(.curveServerKey, server.publicKey)
        try dealer.setOption(.curvePublicKey, client.publicKey)
        try dealer.setOption(.curveSecretKey, client.secretKey)
        try dealer.connect(try router.lastEndpoint())

        #expect(try router.option(.mechanism) == .curve)
        #expect(try dealer.option(.mechanism) == .curve)
        #expect(try router.option(.curveServer))
        #expect(try dealer.option(.curveServerKey) == server.publicKey)

        try send(dealer, ["secret", "stuff"])
        let request = try #require(try receive(router))
        #expect(Array(request.dropFirst()) == ["secret", "stuff"])
        try send(router, [request[0], "ok"])
        #expect(try receive(dealer) == ["ok"])
    }

    @Test func clientWithTheWrongServerKeyGetsNothingThrough() throws {
        let server = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let context = try Context()

        let router = try makeSocket(context, .router)
        try router.setOption(.curveServer, true)
        try router.setOption(.curveSecretKey, server.secretKey)
        try router.bind("tcp://127.0.0.1:*")

        let dealer = try makeSocket(context, .dealer)
        try dealer.setOption(.curveServerKey, impostor.publicKey)
        try dealer.setOption(.curvePublicKey, client.publicKey)
        try dealer.setOption(.curveSecretKey, client.secretKey)
        try dealer.connect(try router.lastEndpoint())

        // The DEALER queues the message on its pending connection; the handshake fails,
        // so the ROUTER must see nothing.
        _ = try dealer.send(["should not arrive"])
        #expect(try receive(router, timeout: 300) == nil)
    }
}
