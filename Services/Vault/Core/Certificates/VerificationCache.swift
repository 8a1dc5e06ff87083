import Foundation
import Schema
import SongdalCrypto
import Synchronization

/// Memoises what many certificates share: the parsed TSA certificate and checkpoints already
/// verified (one checkpoint covers every certificate issued until the next). Only successes are
/// kept, keyed by a hash of everything checked, so a changed byte is always checked afresh.
enum VerificationCache {
    private static let limit = 1_024
    private static let tsa = Mutex<[String: X509Certificate]>([:])
    private static let checkpoints = Mutex<Set<[UInt8]>>([])

    static func tsaCertificate(_ pem: String) -> X509Certificate? {
        if let cached = tsa.withLock({ $0[pem] }) { return cached }
        guard let parsed = try? X509Certificate(pem: pem), parsed.isTimeStampingCertificate else { return nil }
        tsa.withLock { table in
            if table.count >= limit { table.removeAll() }
            table[pem] = parsed
        }
        return parsed
    }

    /// The checkpoint's problem code, or nil when it verifies (cached once it did).
    static func checkpointProblem(_ checkpoint: SignedCheckpoint, key: Ed25519PublicKey?, tsa: X509Certificate) -> String? {
        var material = Array(checkpoint.note.utf8) + checkpoint.signatureBytes + checkpoint.timeStampToken.der + tsa.der
        material += key?.rawRepresentation ?? []
        let fingerprint = SHA256.hash(material)
        if checkpoints.withLock({ $0.contains(fingerprint) }) { return nil }
        if let problem = checkpoint.problem(key: key, tsa: tsa) { return problem }
        checkpoints.withLock { set in
            if set.count >= limit { set.removeAll() }
            set.insert(fingerprint)
        }
        return nil
    }
}
