import CSSL
import Foundation

/// An RFC 3161 `TimeStampResp` (status + signed token) as issued by `TimeStampAuthority`.
///
/// Stored and transported as DER (Codable as one base64 string); the accessors parse it on
/// demand, so a token read back from storage is checked the same way as a fresh one.
public struct TimeStampToken: Sendable, Codable, Equatable, Hashable {
    /// The DER `TimeStampResp`, byte for byte what `openssl ts -verify -in` reads.
    public let der: [UInt8]

    /// Wraps a DER `TimeStampResp`; throws if it does not parse or carries no token.
    public init(der: [UInt8]) throws(CryptoError) {
        self.der = der
        try WellFormedDER.check(der) { (bytes) throws(CryptoError) in _ = try Parsed(bytes) }
    }

    /// Wraps DER without parsing it: for a reader that verifies the token straight away (a
    /// certificate verifier: `verify` parses and checks it in full, so a malformed token fails
    /// verification there instead of failing to decode; the accessors throw for it), and for
    /// `TimeStampAuthority`, whose own fresh encoding of a granted response needs no re-parse.
    public init(unparsedDER der: [UInt8]) {
        self.der = der
    }

    /// The token's genTime (whole seconds as issued by `TimeStampAuthority`).
    public var genTime: Date {
        get throws(CryptoError) {
            try Parsed.use(der) { (_, info) throws(CryptoError) in
                try ASN1Time.date(TS_TST_INFO_get_time(info), operation: "TS_TST_INFO_get_time")
            }
        }
    }

    /// The hashed message (the SHA-256 digest that was stamped).
    public var messageImprint: [UInt8] {
        get throws(CryptoError) {
            try Parsed.use(der) { (_, info) throws(CryptoError) in
                let message = try OpenSSL.make("TS_MSG_IMPRINT_get_msg") {
                    TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(info))
                }
                guard let data = ASN1_STRING_get0_data(message) else { return [] }
                return [UInt8](UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(message))))
            }
        }
    }

    /// The token serial as lowercase hex (without leading zero bytes).
    public var serialHex: String {
        get throws(CryptoError) {
            try Parsed.use(der) { (_, info) throws(CryptoError) in try X509Certificate.serialHex(TS_TST_INFO_get_serial(info)) }
        }
    }

    /// The TSA policy OID in dotted form.
    public var policyOID: String {
        get throws(CryptoError) {
            var buffer = [CChar](repeating: 0, count: 128)
            let length = try Parsed.use(der) { (_, info) throws(CryptoError) in
                buffer.withUnsafeMutableBufferPointer {
                    OBJ_obj2txt($0.baseAddress, Int32($0.count), TS_TST_INFO_get_policy_id(info), 1)
                }
            }
            guard length > 0, Int(length) < buffer.count else { throw OpenSSL.failure("OBJ_obj2txt") }
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Verifies the token like `openssl ts -verify -digest <hex> -CAfile <tsa.pem>`: CMS
    /// signature, ESS signer binding, version, and that the imprint equals `sha256Digest`,
    /// with `certificate` as the only trust anchor.
    ///
    /// The certificate chain is evaluated at the token's genTime, not now: a token stays valid
    /// after the TSA certificate expires, as long as it was issued while the certificate was
    /// valid (what an archive of notices needs; `openssl ts` itself checks against now).
    public func verify(sha256Digest: [UInt8], certificate: X509Certificate) throws(CryptoError) {
        let operation = "TimeStampToken.verify"
        guard sha256Digest.count == 32 else {
            throw CryptoError(operation: operation, reason: "SHA-256 digest must be 32 bytes")
        }
        try Parsed.use(der) { (response, info) throws(CryptoError) in
            try verify(response: response, info: info, sha256Digest: sha256Digest, certificate: certificate)
        }
    }

    private func verify(
        response: OpaquePointer, info: OpaquePointer, sha256Digest: [UInt8], certificate: X509Certificate
    ) throws(CryptoError) {
        let generated = try ASN1Time.date(TS_TST_INFO_get_time(info), operation: "TS_TST_INFO_get_time")

        let context = try OpenSSL.make("TS_VERIFY_CTX_new") { TS_VERIFY_CTX_new() }
        defer { TS_VERIFY_CTX_free(context) }
        let flags = TS_VFY_IMPRINT | TS_VFY_SIGNATURE | TS_VFY_VERSION | TS_VFY_SIGNER
        _ = TS_VERIFY_CTX_set_flags(context, Int32(flags))

        // The context takes ownership of the imprint (freed with OPENSSL_free, hence
        // CRYPTO_malloc, the function behind the OPENSSL_malloc macro) and of the store.
        let imprint = try OpenSSL.make("CRYPTO_malloc") { CRYPTO_malloc(32, #fileID, #line) }
        sha256Digest.withUnsafeBytes { if let base = $0.baseAddress { imprint.copyMemory(from: base, byteCount: 32) } }
        TS_VERIFY_CTX_set_imprint(context, imprint.assumingMemoryBound(to: UInt8.self), 32)

        let store = try OpenSSL.make("X509_STORE_new") { X509_STORE_new() }
        TS_VERIFY_CTX_set_store(context, store)
        try OpenSSL.check("X509_STORE_add_cert") { X509_STORE_add_cert(store, certificate.box.pointer) }
        let parameters = try OpenSSL.make("X509_STORE_get0_param") { X509_STORE_get0_param(store) }
        X509_VERIFY_PARAM_set_time(parameters, ASN1Time.seconds(generated))

        guard TS_RESP_verify_response(context, response) == 1 else {
            throw OpenSSL.failure("TS_RESP_verify_response", fallback: "verification failed")
        }
    }

    // MARK: Codable as base64 DER

    /// Decodes from a base64 string of the DER response.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let data = Data(base64Encoded: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "time-stamp token is not base64")
        }
        try self.init(der: [UInt8](data))
    }

    /// Encodes as a base64 string of the DER response.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(der).base64EncodedString())
    }

    static func encode(_ response: OpaquePointer) throws(CryptoError) -> [UInt8] {
        let length = i2d_TS_RESP(response, nil)
        try OpenSSL.check("i2d_TS_RESP") { length }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_TS_RESP(response, &cursor)
        }
        guard written == length else { throw OpenSSL.failure("i2d_TS_RESP") }
        return out
    }
}

/// A decoded `TS_RESP` and its `TS_TST_INFO` (owned by the response), freed on deinit.
private final class Parsed {
    let response: OpaquePointer
    let info: OpaquePointer

    init(_ der: [UInt8]) throws(CryptoError) {
        let fast = Self.fastResponse(der)
        let response = try OpenSSL.make("d2i_TS_RESP") { fast ?? Self.decode(der) }
        guard let info = TS_RESP_get_tst_info(response) else {
            TS_RESP_free(response)
            throw CryptoError(operation: "TS_RESP_get_tst_info", reason: "response carries no time-stamp token")
        }
        self.response = response
        self.info = info
    }

    deinit { TS_RESP_free(response) }

    private static func decode(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_TS_RESP(nil, &cursor, buffer.count)
        }
    }

    /// Parses the response without its embedded certificates, then puts back the very same
    /// certificates, parsed once per process (`KnownCertificates`): the result is what parsing
    /// `der` whole gives, minus re-decoding the TSA key per token. Nil (parse `der` as it is)
    /// when the layout is not the plain one or anything does not parse this way.
    private static func fastResponse(_ der: [UInt8]) -> OpaquePointer? {
        guard let (stripped, certificates) = TimeStampDER.split(der) else { return nil }
        var boxes: [X509Box] = []
        for certificate in certificates {
            guard let box = try? KnownCertificates.certificate(certificate) else { return nil }
            boxes.append(box)
        }
        guard let response = decode(stripped) else {
            _ = OpenSSL.drainErrors()
            return nil
        }
        guard let token = TS_RESP_get_token(response) else {
            TS_RESP_free(response)
            return nil
        }
        for box in boxes where PKCS7_add_certificate(token, box.pointer) != 1 {  // up-refs the X509
            _ = OpenSSL.drainErrors()
            TS_RESP_free(response)
            return nil
        }
        return response
    }

    /// Parses `der` and runs `body` with the response and token info, keeping them alive for
    /// the whole call (Swift may otherwise release an object right after its last use, i.e.
    /// while OpenSSL still reads the raw pointers taken from it).
    static func use<R>(
        _ der: [UInt8], _ body: (_ response: OpaquePointer, _ info: OpaquePointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        let parsed = try Parsed(der)
        defer { withExtendedLifetime(parsed) {} }
        return try body(parsed.response, parsed.info)
    }
}
