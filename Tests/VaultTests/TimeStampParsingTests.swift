import Foundation
@testable import SongdalCrypto
import Testing

/// Time-stamp tokens are parsed with their embedded TSA certificate taken from a per-process
/// cache of parsed certificates (the OpenSSL 3.0 key decode is the costly part of verifying a
/// certificate). These pin that the shortcut accepts and refuses exactly what a full parse does.
@Suite struct TimeStampParsingTests {
    static let digest = SHA256.hash("document")
    static let time = Date(timeIntervalSince1970: 1_795_399_200)

    static func authority(serial: [UInt8] = [0x42]) throws -> TimeStampAuthority {
        let key = try P256PrivateKey.generate()
        let certificate = try X509Certificate.selfSigned(
            commonName: "Test TSA", organization: "Songdal", key: key, serial: serial,
            notBefore: time.addingTimeInterval(-86_400), notAfter: time.addingTimeInterval(86_400 * 365), timeStamping: true)
        return TimeStampAuthority(key: key, certificate: certificate, policyOID: "1.2.410.200032.2.9.5")
    }

    static func token(_ authority: TimeStampAuthority, digest: [UInt8] = digest) throws -> TimeStampToken {
        try authority.stamp(sha256Digest: digest, time: time, serial: try SecureRandom.bytes(16).map { $0 | 1 })
    }

    /// Where `needle` starts in `haystack`.
    static func offset(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func splitTakesOutExactlyTheEmbeddedCertificate() throws {
        let tsa = try Self.authority()
        let token = try Self.token(tsa)
        let (stripped, certificates) = try #require(TimeStampDER.split(token.der))
        #expect(certificates.map(Array.init) == [tsa.certificate.der])
        #expect(stripped.count == token.der.count - tsa.certificate.der.count - 4)  // SET header: A0 82 xx xx
        #expect(Self.offset(of: tsa.certificate.der, in: stripped) == nil)
        // Not the plain layout: left to the full parse.
        #expect(TimeStampDER.split(token.der + [0]) == nil)
        #expect(TimeStampDER.split(Array(token.der.dropLast())) == nil)
        #expect(TimeStampDER.split([0x30, 0x80, 0x00, 0x00]) == nil)
    }

    @Test func parsedTokensVerifyAndAnswerAsBefore() throws {
        let tsa = try Self.authority()
        let token = try Self.token(tsa)
        let reread = try TimeStampToken(der: token.der)
        try reread.verify(sha256Digest: Self.digest, certificate: tsa.certificate)
        #expect(try reread.messageImprint == Self.digest)
        #expect(try reread.genTime == Self.time)
        #expect(try reread.policyOID == "1.2.410.200032.2.9.5")
        #expect(throws: CryptoError.self) { try reread.verify(sha256Digest: SHA256.hash("other"), certificate: tsa.certificate) }
        let stranger = try Self.authority()
        #expect(throws: CryptoError.self) { try reread.verify(sha256Digest: Self.digest, certificate: stranger.certificate) }
    }

    @Test func truncatedOrTamperedTokensAreRefused() throws {
        let tsa = try Self.authority()
        let token = try Self.token(tsa)
        for length in [0, 1, 10, token.der.count / 2, token.der.count - 1] {
            #expect(throws: CryptoError.self) { _ = try TimeStampToken(der: Array(token.der.prefix(length))) }
        }
        // A byte of the embedded certificate's signature changed: still a certificate, no
        // longer the trusted one, so the token must not verify.
        let start = try #require(Self.offset(of: tsa.certificate.der, in: token.der))
        var tampered = token.der
        tampered[start + tsa.certificate.der.count - 3] ^= 0x01
        if let parsed = try? TimeStampToken(der: tampered) {
            #expect(throws: CryptoError.self) { try parsed.verify(sha256Digest: Self.digest, certificate: tsa.certificate) }
        }
        // The genuine token is unaffected by what was parsed in between.
        try TimeStampToken(der: token.der).verify(sha256Digest: Self.digest, certificate: tsa.certificate)
    }

    @Test func aSwappedEmbeddedCertificateDoesNotVerify() throws {
        let genuine = try Self.authority()
        let token = try Self.token(genuine)
        // Another TSA with the same name and serial (so the signer lookup finds its certificate)
        // whose certificate has the same length, so it can replace the genuine one in place.
        var impostor = try Self.authority()
        for _ in 0..<50 where impostor.certificate.der.count != genuine.certificate.der.count {
            impostor = try Self.authority()
        }
        try #require(impostor.certificate.der.count == genuine.certificate.der.count)
        let start = try #require(Self.offset(of: genuine.certificate.der, in: token.der))
        var swapped = token.der
        swapped.replaceSubrange(start..<(start + genuine.certificate.der.count), with: impostor.certificate.der)
        let parsed = try TimeStampToken(der: swapped)
        #expect(throws: CryptoError.self) { try parsed.verify(sha256Digest: Self.digest, certificate: genuine.certificate) }
        #expect(throws: CryptoError.self) { try parsed.verify(sha256Digest: Self.digest, certificate: impostor.certificate) }
        try TimeStampToken(der: token.der).verify(sha256Digest: Self.digest, certificate: genuine.certificate)
    }

    @Test func tokensSharingOneCertificateVerifyConcurrently() throws {
        let tsa = try Self.authority()
        let digests = (0..<64).map { SHA256.hash("document \($0)") }
        let tokens = try digests.map { try Self.token(tsa, digest: $0) }
        let outcomes = Outcomes(count: tokens.count)
        DispatchQueue.concurrentPerform(iterations: tokens.count) { index in
            let parsed = try? TimeStampToken(der: tokens[index].der)
            let good = (try? parsed?.verify(sha256Digest: digests[index], certificate: tsa.certificate)) != nil
            let other = (try? parsed?.verify(sha256Digest: digests[(index + 1) % digests.count], certificate: tsa.certificate)) != nil
            outcomes.set(index, good && !other)
        }
        #expect(outcomes.all)
    }
}

/// Per-index booleans written from `concurrentPerform` workers.
private final class Outcomes: @unchecked Sendable {
    // The lock guards the array; each index is written once.
    private var values: [Bool]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: false, count: count) }

    func set(_ index: Int, _ value: Bool) { lock.withLock { values[index] = value } }

    var all: Bool { lock.withLock { values.allSatisfy { $0 } } }
}
