import Foundation
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// Verification reads certificates with a hand-written scanner. It must read exactly what
/// `Codable` reads from every kind of certificate, leave unusual JSON to `Codable`, and a token
/// it leaves unparsed must still be caught by verification.
@Suite struct CertificateScanningTests {
    func codable(_ json: [UInt8]) throws -> VaultCertificate {
        try VaultCertificate.decoder().decode(VaultCertificate.self, from: Data(json))
    }

    func encoded(_ certificate: VaultCertificate) throws -> [UInt8] {
        Array(try VaultCertificate.encoder().encode(certificate))
    }

    @Test func everyKindReadsAsCodableReadsIt() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        var samples = [try fixture.issue(.registration, stored.documentId), try fixture.issue(.original, stored.documentId)]
        let doomed = try fixture.register(VaultFixture.pdf("doomed"), retentionYears: 1)
        fixture.clock.advance(by: 2 * 366 * 86_400)
        samples.append(try fixture.destroy(doomed.documentId))
        var certificates = try samples.map { try codable(Array($0.json.utf8)) }
        // A delivery certificate's notice, with one optional time present and one absent.
        var delivery = certificates[0]
        delivery.kind = .delivery
        delivery.notice = CertifiedNotice(noticeId: "notice-1", sender: "기관 \"A\"", recipientMasked: "010-****-5678",
                                          sentAt: fixture.clock.now, deliveredAt: nil, readAt: fixture.clock.now.addingTimeInterval(61.5))
        certificates.append(delivery)
        #expect(certificates.contains { $0.validUntil != nil } && certificates.contains { $0.destruction != nil })

        for certificate in certificates {
            let json = try encoded(certificate)
            var scanner = JSONScanner(json)
            let scanned = try #require(VaultCertificate(scanning: &scanner), "\(certificate.kind) was left to Codable")
            #expect(scanned == certificate)
            #expect(try VaultCertificate.decodeForVerification(json) == codable(json))
        }
        for issued in samples {  // without `now`: the certificate of original has expired by the destruction
            let result = CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature),
                                                    trustedKeys: fixture.trustedKeys)
            #expect(result.isValid, "\(result.problems)")
        }
    }

    @Test func unusualJSONIsLeftToCodable() throws {
        let fixture = try VaultFixture()
        let issued = try fixture.issue(.registration, try fixture.register().documentId)
        let json = issued.json

        // Spaces and an unknown member: still scanned, same value.
        let spaced = Array(json.replacingOccurrences(of: "{\"document\":", with: "{ \"extra\" : [1, {\"a\": null}], \"document\" :").utf8)
        var scanner = JSONScanner(spaced)
        #expect(VaultCertificate(scanning: &scanner) != nil)
        #expect(try VaultCertificate.decodeForVerification(spaced) == codable(Array(json.utf8)))

        // A fractional date and a duplicated member: the scanner gives up, Codable decides.
        let certificate = try codable(Array(json.utf8))
        let fractional = Array(json.replacingOccurrences(of: "\"issuedAt\":\(Int64(certificate.issuedAt.timeIntervalSince1970 * 1000))",
                                                         with: "\"issuedAt\":\(Int64(certificate.issuedAt.timeIntervalSince1970 * 1000)).25").utf8)
        var refusing = JSONScanner(fractional)
        #expect(VaultCertificate(scanning: &refusing) == nil)
        #expect(try VaultCertificate.decodeForVerification(fractional) == codable(fractional))
        let duplicated = Array(json.replacingOccurrences(of: "\"keyId\":", with: "\"keyId\":\"other\",\"keyId\":").utf8)
        var duplicate = JSONScanner(duplicated)
        #expect(VaultCertificate(scanning: &duplicate) == nil)

        // Not JSON at all: Codable's error, reported as a malformed certificate.
        #expect(throws: (any Error).self) { try VaultCertificate.decodeForVerification(Array("{\"version\":".utf8)) }
        let result = CertificateVerifier.verify(json: Array("[1,2]".utf8), signature: [], trustedKeys: fixture.trustedKeys)
        #expect(result.problems.map(\.code) == ["malformed"])
    }

    @Test func anUnparsableTokenFailsVerificationByName() throws {
        let fixture = try VaultFixture()
        let issued = try fixture.issue(.registration, try fixture.register().documentId)
        var certificate = try codable(Array(issued.json.utf8))
        let junk = TimeStampToken(unparsedDER: [0x30, 0x03, 0x02, 0x01, 0x00])
        certificate.timeStampToken = junk
        let json = try encoded(certificate)
        let signature = try fixture.vault.keys.current.sign(json)
        let result = CertificateVerifier.verify(json: json, signature: signature, trustedKeys: fixture.trustedKeys)
        #expect(result.problems.map(\.code) == ["time_stamp_invalid"])
        #expect(throws: (any Error).self) { try codable(json) }  // Codable refuses the token outright
    }
}
