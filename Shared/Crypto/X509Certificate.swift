import CSSL
import Foundation

/// An X.509 certificate, mainly the vault's own self-signed ones: the TSA certificate that
/// `openssl ts -verify -CAfile` trusts, and the certificate of the vault's Ed25519 signing key
/// that relying parties use to check certificates (VA-6) offline.
public struct X509Certificate: Sendable, Hashable {
    let box: X509Box
    /// DER encoding.
    public let der: [UInt8]
    /// Subject distinguished name in RFC 2253 form, e.g. `CN=Songdal Vault TSA,O=Songdal`.
    public let subject: String
    /// Serial number as lowercase hex without leading zero bytes.
    public let serialHex: String
    /// Start of validity (whole seconds).
    public let notBefore: Date
    /// End of validity (whole seconds).
    public let notAfter: Date

    /// Parses a PEM `CERTIFICATE`.
    public init(pem: String) throws(CryptoError) {
        let pointer = try MemoryBIO.reading(Array(pem.utf8), operation: "PEM_read_bio_X509") { bio in
            PEM_read_bio_X509(bio, nil, nil, nil)
        }
        try self.init(box: X509Box(owning: pointer))
    }

    /// Parses a DER certificate.
    public init(der: [UInt8]) throws(CryptoError) {
        let pointer = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        try self.init(box: X509Box(owning: OpenSSL.make("d2i_X509") { pointer }))
    }

    init(box: X509Box) throws(CryptoError) {
        self.box = box
        let x509 = box.pointer
        der = try Self.encode(x509)
        subject = try MemoryBIO.writing(operation: "X509_NAME_print_ex") { bio in
            // Returns the number of bytes written; an empty name is legal, so map 0 to success.
            X509_NAME_print_ex(bio, X509_get_subject_name(x509), 0, NameFormat.rfc2253UTF8) >= 0 ? 1 : 0
        }.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        serialHex = try Self.serialHex(X509_get0_serialNumber(x509))
        notBefore = try ASN1Time.date(X509_get0_notBefore(x509), operation: "X509_get0_notBefore")
        notAfter = try ASN1Time.date(X509_get0_notAfter(x509), operation: "X509_get0_notAfter")
    }

    /// PEM `CERTIFICATE` (64-column base64), as `openssl x509` writes it.
    public var pem: String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// The certified key if it is Ed25519 (the vault's signing key), else nil.
    public var ed25519PublicKey: Ed25519PublicKey? {
        guard let key = X509_get0_pubkey(box.pointer), EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519,
              EVP_PKEY_up_ref(key) == 1 else { return nil }
        return try? Ed25519PublicKey(key: PKey(owning: key))
    }

    /// True if the certificate carries a *critical* extendedKeyUsage of exactly timeStamping,
    /// which RFC 3161 §2.3 requires of a TSA certificate.
    public var isTimeStampingCertificate: Bool {
        let x509 = box.pointer
        let index = X509_get_ext_by_NID(x509, NID_ext_key_usage, -1)
        guard index >= 0, X509_EXTENSION_get_critical(X509_get_ext(x509, index)) == 1 else { return false }
        return X509_get_extended_key_usage(x509) == UInt32(XKU_TIMESTAMP)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.der == rhs.der }
    public func hash(into hasher: inout Hasher) { hasher.combine(der) }

    static func encode(_ x509: OpaquePointer) throws(CryptoError) -> [UInt8] {
        let length = i2d_X509(x509, nil)
        try OpenSSL.check("i2d_X509") { length }
        var out = [UInt8](repeating: 0, count: Int(length))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_X509(x509, &cursor)
        }
        guard written == length else { throw OpenSSL.failure("i2d_X509") }
        return out
    }

    static func serialHex(_ serial: UnsafePointer<ASN1_INTEGER>?) throws(CryptoError) -> String {
        let number = try OpenSSL.make("ASN1_INTEGER_to_BN") { ASN1_INTEGER_to_BN(serial, nil) }
        defer { BN_free(number) }
        // BN_num_bytes is a C macro.
        let count = (Int(BN_num_bits(number)) + 7) / 8
        guard count > 0 else { return "00" }
        var bytes = [UInt8](repeating: 0, count: count)
        _ = bytes.withUnsafeMutableBufferPointer { BN_bn2bin(number, $0.baseAddress) }
        return Hex.encode(bytes)
    }
}
