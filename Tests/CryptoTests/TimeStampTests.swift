import Foundation
import SongdalCrypto
import Testing

@Suite final class TimeStampTests {
    let directory: URL
    let key: P256PrivateKey
    let certificate: X509Certificate
    let authority: TimeStampAuthority
    let stampTime = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
    let digest = SHA256.hash("registered document bytes")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-tsa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        key = try P256PrivateKey.generate()
        certificate = try X509CertificateTests.tsaCertificate(key: key)
        authority = TimeStampAuthority(key: key, certificate: certificate, policyOID: "1.2.410.200032.2.9.5")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// `openssl ts -verify -digest <hex> -in <resp> -CAfile <tsa.pem>`.
    func opensslVerify(_ token: TimeStampToken, digest: [UInt8]) throws -> (status: Int32, output: String) {
        let response = directory.appendingPathComponent("resp-\(UUID().uuidString).tsr")
        let anchor = directory.appendingPathComponent("tsa.pem")
        try Data(token.der).write(to: response)
        try Data(certificate.pem.utf8).write(to: anchor)
        return try runOpenSSL(["ts", "-verify", "-digest", Hex.encode(digest), "-in", response.path,
                               "-CAfile", anchor.path])
    }

    @Test func stampAndVerifyWithAPI() throws {
        let serial = try SecureRandom.bytes(16)
        let token = try authority.stamp(sha256Digest: digest, time: stampTime, serial: serial)
        #expect(try token.genTime == stampTime)
        #expect(try token.messageImprint == digest)
        #expect(try token.serialHex == Hex.encode(serial.drop(while: { $0 == 0 })))
        #expect(try token.policyOID == "1.2.410.200032.2.9.5")
        try token.verify(sha256Digest: digest, certificate: certificate)

        #expect(throws: CryptoError.self) { try token.verify(sha256Digest: SHA256.hash("other"), certificate: self.certificate) }
        let stranger = try X509CertificateTests.tsaCertificate(key: P256PrivateKey.generate())
        #expect(throws: CryptoError.self) { try token.verify(sha256Digest: self.digest, certificate: stranger) }
        var tampered = token.der
        tampered[tampered.count - 5] ^= 0x01  // inside the CMS signature
        if let forged = try? TimeStampToken(der: tampered) {
            #expect(throws: CryptoError.self) { try forged.verify(sha256Digest: self.digest, certificate: self.certificate) }
        }
    }

    @Test func stockOpenSSLAccepts() throws {
        let token = try authority.stamp(sha256Digest: digest, time: stampTime, serial: [0x42])
        let good = try opensslVerify(token, digest: digest)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("Verification: OK"), "\(good.output)")

        let bad = try opensslVerify(token, digest: SHA256.hash("other"))
        #expect(bad.status != 0)
        #expect(!bad.output.contains("Verification: OK"))

        // genTime as the stock tool prints it.
        let response = directory.appendingPathComponent("print.tsr")
        try Data(token.der).write(to: response)
        let text = try runOpenSSL(["ts", "-reply", "-in", response.path, "-text"])
        #expect(text.output.contains("Time stamp: May 28 20:26:40 2026 GMT"), "\(text.output)")
        #expect(text.output.contains("Policy OID: 1.2.410.200032.2.9.5"))
        #expect(text.output.contains("Accuracy: 0x01 seconds"))
    }

    @Test func codableAndInputChecks() throws {
        let token = try authority.stamp(sha256Digest: digest, time: stampTime, serial: [1, 2, 3])
        let json = try JSONEncoder().encode([token])
        #expect(try JSONDecoder().decode([TimeStampToken].self, from: json) == [token])
        #expect(throws: CryptoError.self) { try self.authority.stamp(sha256Digest: [1, 2], time: self.stampTime, serial: [1]) }
        #expect(throws: CryptoError.self) { try self.authority.stamp(sha256Digest: self.digest, time: self.stampTime, serial: []) }
        #expect(throws: CryptoError.self) { try TimeStampToken(der: [0x30, 0x00]) }
        let wrongKey = TimeStampAuthority(key: try P256PrivateKey.generate(), certificate: certificate, policyOID: "1.2.3")
        #expect(throws: CryptoError.self) { try wrongKey.stamp(sha256Digest: self.digest, time: self.stampTime, serial: [1]) }
        let badOID = TimeStampAuthority(key: key, certificate: certificate, policyOID: "not an oid")
        #expect(throws: CryptoError.self) { try badOID.stamp(sha256Digest: self.digest, time: self.stampTime, serial: [1]) }
        let plainCert = try X509Certificate.selfSigned(
            commonName: "no EKU", organization: nil, key: key, serial: [9],
            notBefore: X509CertificateTests.notBefore, notAfter: X509CertificateTests.notAfter, timeStamping: false)
        let noEKU = TimeStampAuthority(key: key, certificate: plainCert, policyOID: "1.2.3")
        #expect(throws: CryptoError.self) { try noEKU.stamp(sha256Digest: self.digest, time: self.stampTime, serial: [1]) }
    }
}
