import CSSL
import Foundation

/// An RFC 3161 time-stamp authority (VA-5) built on OpenSSL's `TS_RESP_CTX`, so the tokens are
/// exactly what `openssl ts -verify -digest … -CAfile tsa.pem` accepts.
///
/// The clock is injected: `stamp(…, time:)` sets genTime through `TS_RESP_CTX_set_time_cb`, so
/// tests and replays are deterministic and the system clock never leaks in. A fresh response
/// context is made per stamp (it carries the per-call time and serial), which also makes the
/// authority safe to use from several tasks at once.
public struct TimeStampAuthority: Sendable {
    /// The TSA signing key (ECDSA P-256).
    public let key: P256PrivateKey
    /// The TSA certificate; must carry critical extendedKeyUsage timeStamping.
    public let certificate: X509Certificate
    /// The TSA policy OID put in every token, e.g. `1.2.410.200032.2.9.5`.
    public let policyOID: String

    /// Creates the authority. Mismatched key/certificate, a certificate without timeStamping
    /// usage, or a malformed OID are reported by `stamp`.
    public init(key: P256PrivateKey, certificate: X509Certificate, policyOID: String) {
        self.key = key
        self.certificate = certificate
        self.policyOID = policyOID
    }

    /// Issues a granted `TimeStampResp` for a SHA-256 message imprint.
    ///
    /// - Parameters:
    ///   - sha256Digest: the 32-byte SHA-256 of the stamped data.
    ///   - time: genTime; truncated to whole seconds (accuracy is declared as 1 s).
    ///   - serial: the token serial, 1–20 bytes, unique per TSA (e.g. 16 random bytes).
    /// - Returns: the DER response including the signer certificate.
    public func stamp(sha256Digest: [UInt8], time: Date, serial: [UInt8]) throws(CryptoError) -> TimeStampToken {
        let operation = "TimeStampAuthority.stamp"
        guard sha256Digest.count == 32 else {
            throw CryptoError(operation: operation, reason: "SHA-256 digest must be 32 bytes, got \(sha256Digest.count)")
        }
        guard (1...20).contains(serial.count), serial.contains(where: { $0 != 0 }) else {
            throw CryptoError(operation: operation, reason: "serial must be 1–20 bytes and non-zero")
        }
        guard time.timeIntervalSince1970 >= 0 else {
            throw CryptoError(operation: operation, reason: "time before 1970")
        }
        let md = try OpenSSL.make("EVP_MD_fetch(SHA256)") { Algorithms.sha256 }
        let context = try OpenSSL.make("TS_RESP_CTX_new_ex") { TS_RESP_CTX_new_ex(nil, nil) }
        defer { TS_RESP_CTX_free(context) }

        guard X509_check_private_key(certificate.box.pointer, key.key.pointer) == 1 else {
            throw OpenSSL.failure("X509_check_private_key", fallback: "key does not match certificate")
        }
        // set_signer_cert also checks the timestamping purpose (critical EKU); both up-ref.
        try OpenSSL.check("TS_RESP_CTX_set_signer_cert") { TS_RESP_CTX_set_signer_cert(context, certificate.box.pointer) }
        try OpenSSL.check("TS_RESP_CTX_set_signer_key") { TS_RESP_CTX_set_signer_key(context, key.key.pointer) }
        try OpenSSL.check("TS_RESP_CTX_set_signer_digest") { TS_RESP_CTX_set_signer_digest(context, md) }
        try OpenSSL.check("TS_RESP_CTX_add_md") { TS_RESP_CTX_add_md(context, md) }
        try OpenSSL.check("TS_RESP_CTX_set_accuracy") { TS_RESP_CTX_set_accuracy(context, 1, 0, 0) }
        let policy = try OpenSSL.make("OBJ_txt2obj(\(policyOID))") { OBJ_txt2obj(policyOID, 1) }
        defer { ASN1_OBJECT_free(policy) }
        try OpenSSL.check("TS_RESP_CTX_set_def_policy") { TS_RESP_CTX_set_def_policy(context, policy) }

        let serialNumber = try Self.asn1Integer(serial)
        defer { ASN1_INTEGER_free(serialNumber) }
        var seconds = Int(ASN1Time.seconds(time))
        let request = try TimeStampRequest.der(sha256Digest: sha256Digest)

        // The callbacks run synchronously inside TS_RESP_create_response, so pointers to these
        // locals are valid for exactly as long as OpenSSL can use them.
        let response: OpaquePointer? = withUnsafeMutablePointer(to: &seconds) { secondsPointer in
            TS_RESP_CTX_set_serial_cb(context, { _, data in
                ASN1_INTEGER_dup(data?.assumingMemoryBound(to: ASN1_INTEGER.self))  // OpenSSL frees it
            }, UnsafeMutableRawPointer(serialNumber))
            TS_RESP_CTX_set_time_cb(context, { _, data, sec, usec in
                guard let data, let sec, let usec else { return 0 }
                sec.pointee = data.assumingMemoryBound(to: Int.self).pointee
                usec.pointee = 0
                return 1
            }, UnsafeMutableRawPointer(secondsPointer))
            return try? MemoryBIO.reading(request, operation: "TS_RESP_create_response") { bio in
                TS_RESP_create_response(context, bio)
            }
        }
        guard let response else { throw OpenSSL.failure("TS_RESP_create_response") }
        defer { TS_RESP_free(response) }
        try Self.requireGranted(response)
        guard TS_RESP_get_tst_info(response) != nil else {
            throw CryptoError(operation: operation, reason: "granted response carries no time-stamp token")
        }
        // Our own encoding of a granted response with a token: re-parsing it only to validate it
        // would cost a full parse per stamp (the embedded certificate's key decode included).
        return TimeStampToken(unparsedDER: try TimeStampToken.encode(response))
    }

    /// Throws with OpenSSL's status text unless the response status is granted (0).
    private static func requireGranted(_ response: OpaquePointer) throws(CryptoError) {
        let info = TS_RESP_get_status_info(response)
        guard ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(info)) != 0 else { return }
        let queue = OpenSSL.drainErrors()
        let text = (try? MemoryBIO.writing(operation: "TS_STATUS_INFO_print_bio") { TS_STATUS_INFO_print_bio($0, info) })
            .map { String(decoding: $0, as: UTF8.self) } ?? "request not granted"
        throw CryptoError(operation: "TS_RESP_create_response",
                          reason: [text.trimmingCharacters(in: .whitespacesAndNewlines), queue]
                              .filter { !$0.isEmpty }.joined(separator: "; "))
    }

    private static func asn1Integer(_ bytes: [UInt8]) throws(CryptoError) -> UnsafeMutablePointer<ASN1_INTEGER> {
        let number = try OpenSSL.make("BN_bin2bn") {
            bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        }
        defer { BN_free(number) }
        return try OpenSSL.make("BN_to_ASN1_INTEGER") { BN_to_ASN1_INTEGER(number, nil) }
    }
}
