import CSSL

/// Builds the DER `TimeStampReq` that `TS_RESP_create_response` consumes, equivalent to
/// `openssl ts -query -digest <hex> -sha256 -cert` (no nonce: the token serial is unique).
enum TimeStampRequest {
    static func der(sha256Digest: [UInt8]) throws(CryptoError) -> [UInt8] {
        let request = try OpenSSL.make("TS_REQ_new") { TS_REQ_new() }
        defer { TS_REQ_free(request) }
        try OpenSSL.check("TS_REQ_set_version") { TS_REQ_set_version(request, 1) }

        let imprint = try OpenSSL.make("TS_MSG_IMPRINT_new") { TS_MSG_IMPRINT_new() }
        defer { TS_MSG_IMPRINT_free(imprint) }
        let algorithm = try OpenSSL.make("X509_ALGOR_new") { X509_ALGOR_new() }
        defer { X509_ALGOR_free(algorithm) }
        try OpenSSL.check("X509_ALGOR_set0") { X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nil) }
        try OpenSSL.check("TS_MSG_IMPRINT_set_algo") { TS_MSG_IMPRINT_set_algo(imprint, algorithm) }  // copies
        let setMessage = sha256Digest.withUnsafeBufferPointer {
            TS_MSG_IMPRINT_set_msg(imprint, UnsafeMutablePointer(mutating: $0.baseAddress), Int32($0.count))  // copies
        }
        try OpenSSL.check("TS_MSG_IMPRINT_set_msg") { setMessage }
        try OpenSSL.check("TS_REQ_set_msg_imprint") { TS_REQ_set_msg_imprint(request, imprint) }  // copies
        // Ask for the signer certificate in the token, so verifiers need only the trust anchor.
        try OpenSSL.check("TS_REQ_set_cert_req") { TS_REQ_set_cert_req(request, 1) }

        return try MemoryBIO.writing(operation: "i2d_TS_REQ_bio") { bio in i2d_TS_REQ_bio(bio, request) }
    }
}
