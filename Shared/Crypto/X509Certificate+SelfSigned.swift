import CSSL
import Foundation

extension X509Certificate {
    /// A self-signed X.509 v3 certificate for the vault's P-256 key (ECDSA-SHA-256), e.g.
    /// `CN=Songdal Vault TSA`. With `timeStamping`, it carries what RFC 3161 §2.3 and
    /// `openssl ts -verify` require: critical extendedKeyUsage = timeStamping only, and keyUsage
    /// limited to digitalSignature + nonRepudiation. Always: basicConstraints CA:FALSE and a
    /// subjectKeyIdentifier.
    ///
    /// `serial` is the unsigned big-endian serial (1–20 bytes, not all zero, RFC 5280 §4.1.2.2).
    public static func selfSigned(
        commonName: String, organization: String?, key: P256PrivateKey, serial: [UInt8],
        notBefore: Date, notAfter: Date, timeStamping: Bool
    ) throws(CryptoError) -> X509Certificate {
        try build(commonName: commonName, organization: organization, key: key.key, digest: Algorithms.sha256,
                  serial: serial, notBefore: notBefore, notAfter: notAfter, timeStamping: timeStamping)
    }

    /// The same for the vault's Ed25519 signing key (pure Ed25519 signature, RFC 8410). Note
    /// that `openssl ts` cannot use Ed25519 TSA keys; use the P-256 form for the TSA.
    public static func selfSigned(
        commonName: String, organization: String?, key: Ed25519PrivateKey, serial: [UInt8],
        notBefore: Date, notAfter: Date, timeStamping: Bool
    ) throws(CryptoError) -> X509Certificate {
        try build(commonName: commonName, organization: organization, key: key.key, digest: nil,
                  serial: serial, notBefore: notBefore, notAfter: notAfter, timeStamping: timeStamping)
    }

    private static func build(
        commonName: String, organization: String?, key: PKey, digest: OpaquePointer?, serial: [UInt8],
        notBefore: Date, notAfter: Date, timeStamping: Bool
    ) throws(CryptoError) -> X509Certificate {
        let operation = "X509Certificate.selfSigned"
        guard (1...20).contains(serial.count), serial.contains(where: { $0 != 0 }) else {
            throw CryptoError(operation: operation, reason: "serial must be 1–20 bytes and non-zero")
        }
        guard notBefore < notAfter else {
            throw CryptoError(operation: operation, reason: "notBefore must precede notAfter")
        }
        guard !commonName.isEmpty else { throw CryptoError(operation: operation, reason: "empty common name") }

        let box = X509Box(owning: try OpenSSL.make("X509_new") { X509_new() })
        let x509 = box.pointer
        try OpenSSL.check("X509_set_version") { X509_set_version(x509, Int(X509_VERSION_3)) }
        try setSerial(x509, serial)
        try OpenSSL.make("ASN1_TIME_set(notBefore)") { ASN1_TIME_set(X509_getm_notBefore(x509), ASN1Time.seconds(notBefore)) }
        try OpenSSL.make("ASN1_TIME_set(notAfter)") { ASN1_TIME_set(X509_getm_notAfter(x509), ASN1Time.seconds(notAfter)) }
        try setNames(x509, commonName: commonName, organization: organization)
        try OpenSSL.check("X509_set_pubkey") { X509_set_pubkey(x509, key.pointer) }

        // keyUsage must not include keyCertSign for a TSA: OpenSSL's timestamp-sign purpose check
        // rejects any bit beyond digitalSignature/nonRepudiation (checked against `openssl ts`).
        var extensions: [(Int32, String)] = [
            (NID_basic_constraints, "critical,CA:FALSE"),
            (NID_subject_key_identifier, "hash"),
            (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
        ]
        if timeStamping { extensions.append((NID_ext_key_usage, "critical,timeStamping")) }
        for (nid, value) in extensions { try addExtension(x509, nid: nid, value: value) }

        try OpenSSL.check("X509_sign") { X509_sign(x509, key.pointer, digest) }
        return try X509Certificate(box: box)
    }

    private static func setSerial(_ x509: OpaquePointer, _ serial: [UInt8]) throws(CryptoError) {
        let number = try OpenSSL.make("BN_bin2bn") {
            serial.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        }
        defer { BN_free(number) }
        let integer = try OpenSSL.make("BN_to_ASN1_INTEGER") { BN_to_ASN1_INTEGER(number, nil) }
        defer { ASN1_INTEGER_free(integer) }
        try OpenSSL.check("X509_set_serialNumber") { X509_set_serialNumber(x509, integer) }  // copies
    }

    private static func setNames(_ x509: OpaquePointer, commonName: String, organization: String?) throws(CryptoError) {
        let name = try OpenSSL.make("X509_NAME_new") { X509_NAME_new() }
        defer { X509_NAME_free(name) }
        // Most general first (O, then CN), as X.500 orders RDNs; RFC 2253 text prints reversed.
        var entries: [(String, String)] = []
        if let organization, !organization.isEmpty { entries.append(("O", organization)) }
        entries.append(("CN", commonName))
        for (field, value) in entries {
            try OpenSSL.check("X509_NAME_add_entry_by_txt(\(field))") {
                X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, value, -1, -1, 0)
            }
        }
        // Self-signed: issuer = subject. Both setters copy the name.
        try OpenSSL.check("X509_set_subject_name") { X509_set_subject_name(x509, name) }
        try OpenSSL.check("X509_set_issuer_name") { X509_set_issuer_name(x509, name) }
    }

    private static func addExtension(_ x509: OpaquePointer, nid: Int32, value: String) throws(CryptoError) {
        var context = X509V3_CTX()  // zeroed = X509V3_set_ctx_nodb (no config database)
        X509V3_set_ctx(&context, x509, x509, nil, nil, 0)
        let ext = try OpenSSL.make("X509V3_EXT_conf_nid(\(value))") { X509V3_EXT_conf_nid(nil, &context, nid, value) }
        defer { X509_EXTENSION_free(ext) }
        try OpenSSL.check("X509_add_ext") { X509_add_ext(x509, ext, -1) }  // copies
    }
}
