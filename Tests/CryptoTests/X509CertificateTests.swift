import Foundation
import SongdalCrypto
import Testing

@Suite struct X509CertificateTests {
    static let notBefore = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let notAfter = Date(timeIntervalSince1970: 2_082_758_400)   // 2036-01-01T00:00:00Z

    static func tsaCertificate(key: P256PrivateKey) throws -> X509Certificate {
        try X509Certificate.selfSigned(
            commonName: "Songdal Vault TSA", organization: "Songdal", key: key, serial: [0x01, 0x02, 0xab],
            notBefore: notBefore, notAfter: notAfter, timeStamping: true)
    }

    @Test func selfSignedTSACertificate() throws {
        let key = try P256PrivateKey.generate()
        let certificate = try Self.tsaCertificate(key: key)
        #expect(certificate.subject == "CN=Songdal Vault TSA,O=Songdal")
        #expect(certificate.serialHex == "0102ab")
        #expect(certificate.notBefore == Self.notBefore)
        #expect(certificate.notAfter == Self.notAfter)
        #expect(certificate.isTimeStampingCertificate)

        let text = try runOpenSSL(["x509", "-noout", "-text"], input: certificate.pem)
        #expect(text.status == 0)
        let lines = text.output.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let eku = try #require(lines.firstIndex(of: "X509v3 Extended Key Usage: critical"), "\(text.output)")
        #expect(lines[eku + 1] == "Time Stamping")
        let keyUsage = try #require(lines.firstIndex(of: "X509v3 Key Usage: critical"))
        #expect(lines[keyUsage + 1] == "Digital Signature, Non Repudiation")
        #expect(text.output.contains("ecdsa-with-SHA256"))
        #expect(text.output.contains("Issuer: O = Songdal, CN = Songdal Vault TSA"))
    }

    @Test func roundTripsAndKeys() throws {
        let key = try Ed25519PrivateKey.generate()
        let certificate = try X509Certificate.selfSigned(
            commonName: "Songdal Vault 송달", organization: nil, key: key, serial: SecureRandom.bytes(16),
            notBefore: Self.notBefore, notAfter: Self.notAfter, timeStamping: false)
        #expect(certificate.subject == "CN=Songdal Vault 송달")
        #expect(!certificate.isTimeStampingCertificate)
        #expect(certificate.ed25519PublicKey == key.publicKey)
        #expect(try X509Certificate(pem: certificate.pem) == certificate)
        #expect(try X509Certificate(der: certificate.der).serialHex == certificate.serialHex)
        let text = try runOpenSSL(["x509", "-noout", "-text"], input: certificate.pem)
        #expect(text.output.contains("ED25519"))
        #expect(try Self.tsaCertificate(key: P256PrivateKey.generate()).ed25519PublicKey == nil)
    }

    @Test func rejectsBadInput() throws {
        let key = try P256PrivateKey.generate()
        #expect(throws: CryptoError.self) { try X509Certificate(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n") }
        #expect(throws: CryptoError.self) { try X509Certificate(der: [0x30, 0x03, 0x01]) }
        #expect(throws: CryptoError.self) {
            try X509Certificate.selfSigned(commonName: "x", organization: nil, key: key, serial: [0],
                                           notBefore: Self.notBefore, notAfter: Self.notAfter, timeStamping: true)
        }
        #expect(throws: CryptoError.self) {
            try X509Certificate.selfSigned(commonName: "x", organization: nil, key: key, serial: [1],
                                           notBefore: Self.notAfter, notAfter: Self.notBefore, timeStamping: true)
        }
    }
}
