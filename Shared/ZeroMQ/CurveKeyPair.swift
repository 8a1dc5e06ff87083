import CZeroMQ

/// A CURVE key pair, as Z85 text (40 characters each), the form libzmq takes them in.
public struct CurveKeyPair: Sendable, Equatable, Codable {
    /// The public key, Z85 (40 characters). Safe to share.
    public let publicKey: String
    /// The secret key, Z85 (40 characters). Keep it secret.
    public let secretKey: String

    /// A pair from known keys; not validated (libzmq rejects bad keys when they are set).
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// The pair of a secret key, deriving the public key (`zmq_curve_public`).
    /// Throws ``ZMQError/invalidArgument`` if `secretKey` is not 40 characters of Z85.
    public init(secretKey: String) throws(ZMQError) {
        guard secretKey.utf8.count == 40, Z85.decode(secretKey) != nil else {
            throw ZMQError(code: EINVAL, operation: "zmq_curve_public(invalid secret key)")
        }
        var publicKey = [CChar](repeating: 0, count: 41)
        try zmqCheck("zmq_curve_public") {
            publicKey.withUnsafeMutableBufferPointer { out in
                secretKey.withCString { zmq_curve_public(out.baseAddress, $0) }
            }
        }
        self.init(publicKey: Self.string(fromZ85Buffer: publicKey), secretKey: secretKey)
    }

    /// A new random pair (`zmq_curve_keypair`). Throws `ENOTSUP` when libzmq was built
    /// without CURVE (see ``hasCapability(_:)``).
    public static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try zmqCheck("zmq_curve_keypair") {
            publicKey.withUnsafeMutableBufferPointer { pub in
                secretKey.withUnsafeMutableBufferPointer { zmq_curve_keypair(pub.baseAddress, $0.baseAddress) }
            }
        }
        return CurveKeyPair(
            publicKey: string(fromZ85Buffer: publicKey), secretKey: string(fromZ85Buffer: secretKey))
    }

    /// The 40 characters before the NUL of a 41-byte key buffer libzmq filled.
    private static func string(fromZ85Buffer buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
