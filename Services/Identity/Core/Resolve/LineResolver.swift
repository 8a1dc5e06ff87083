import Foundation
import GRDB
import Schema
import Store

/// ID-2: CI → one deliverable line. Reads the CI's lines by keyed hash, keeps the deliverable
/// ones, picks the best carrier (KT → SKT → LGU) and a random line there; opens only the chosen
/// phone.
public struct LineResolver: Sendable {
    let cipher: IdentityCipher

    public init(cipher: IdentityCipher) { self.cipher = cipher }

    static let sql = "SELECT carrier, kind, mvno_host, status, phone_hash, phone_sealed FROM identity_line WHERE ci_key = ? AND ci_hash = ?"

    /// Resolves the CI whose lookup hash is `ciHash`; `session`, when given, opens the phone
    /// with contexts prepared once per batch.
    func resolve<G: RandomNumberGenerator>(ciHash: [UInt8], in db: Database, using generator: inout G,
                                           session: CipherSession? = nil) throws -> Resolution {
        let statement = try BoundStatement(db, cached: Self.sql)
        try statement.bind(LookupKey.of(ciHash), at: 1)
        try statement.bind(ciHash, at: 2)
        var reasons: [UnreachableReason] = []
        var bestPriority = Int.max
        var candidates: [(carrier: Carrier, host: Carrier?, hash: [UInt8], sealed: [UInt8])] = []
        while try statement.step() {
            let carrier = StoredCodes.carrier(statement.int(0))
            let mvnoHost = statement.isNull(2) ? nil : StoredCodes.carrier(statement.int(2))
            if let reason = Deliverability.reason(kind: StoredCodes.kind(statement.int(1)), status: StoredCodes.status(statement.int(3)),
                                                  mvnoHost: mvnoHost) {
                reasons.append(reason)
                continue
            }
            if carrier.priority < bestPriority {
                bestPriority = carrier.priority
                candidates.removeAll(keepingCapacity: true)
            }
            if carrier.priority == bestPriority {
                candidates.append((carrier, mvnoHost, statement.bytes(4), statement.bytes(5)))
            }
        }
        guard !candidates.isEmpty else { return .unreachable(Deliverability.combined(reasons)) }
        let chosen = candidates.count == 1 ? candidates[0] : candidates[Int.random(in: 0..<candidates.count, using: &generator)]
        let phone = try session?.open(chosen.sealed, hash: chosen.hash) ?? cipher.open(chosen.sealed, hash: chosen.hash)
        return .line(ResolvedLine(carrier: chosen.carrier, phone: String(decoding: phone, as: UTF8.self), mvnoHost: chosen.host))
    }

    /// Resolves a CI given as text; `nil` when it is not a valid CI.
    public func resolve(ci: String, in db: Database, seed: UInt64? = nil) throws -> Resolution? {
        guard let bytes = CICodec.decode(ci) else { return nil }
        var generator = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
        return try resolve(ciHash: cipher.ciHash(bytes), in: db, using: &generator)
    }
}
