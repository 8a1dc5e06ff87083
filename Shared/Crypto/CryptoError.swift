/// The one error type of SongdalCrypto.
///
/// `operation` names what failed (usually the OpenSSL function, e.g. `EVP_DigestSignInit`, or a
/// domain step such as `AESGCM.open`); `reason` carries a human explanation, including the
/// drained OpenSSL error queue when OpenSSL reported one, so logs show the real cause.
public struct CryptoError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What was being done when the failure happened.
    public let operation: String
    /// Why it failed (OpenSSL error queue text or a domain explanation).
    public let reason: String

    /// Creates an error for `operation` with an explanatory `reason`.
    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// `operation: reason`, suitable for logs (never contains key material or plaintext).
    public var description: String { "\(operation): \(reason)" }

    /// Authenticated decryption failed: wrong key, wrong associated data, or tampered data.
    /// One reason for all of these on purpose, so callers cannot build an oracle out of it.
    static func authenticationFailed(_ operation: String) -> CryptoError {
        CryptoError(operation: operation, reason: "authentication failed")
    }
}
