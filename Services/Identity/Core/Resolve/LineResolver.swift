import Foundation
import GRDB
import Schema

/// ID-2: CI → one deliverable line. Reads the CI's lines by keyed hash, keeps the deliverable
/// ones, picks the best carrier (KT → SKT → LGU) and a random line there; opens only the chosen
/// phone.
public struct LineResolver: Sendable {
    let cipher: IdentityCipher

    public init(cipher: IdentityCipher) { self.cipher = cipher }

    static let sql = "SELECT carrier, kind, mvno_host, status, phone_hash, phone_sealed FROM identity_line WHERE ci_hash = ?"

    /// Resolves the CI whose lookup hash is `ciHash`; `session`, when given, opens the phone
    /// with contexts prepared once per batch.
    func resolve<G: RandomNumberGenerator>(ciHash: [UInt8], in db: Database, using generator: inout G,
                                           session: CipherSession? = nil) throws -> Resolution {
        let statement = try db.cachedStatement(sql: Self.sql)
        statement.setUncheckedArguments([Data(ciHash)])
        let rows = try Row.fetchCursor(statement)
        var reasons: [UnreachableReason] = []
        var bestPriority = Int.max
        var candidates: [(carrier: Carrier, host: Carrier?, hash: Data, sealed: Data)] = []
        while let row = try rows.next() {
            let carrier = StoredCodes.carrier(row[0])
            let host: Int? = row[2]
            let mvnoHost = host.map(StoredCodes.carrier)
            if let reason = Deliverability.reason(kind: StoredCodes.kind(row[1]), status: StoredCodes.status(row[3]),
                                                  mvnoHost: mvnoHost) {
                reasons.append(reason)
                continue
            }
            if carrier.priority < bestPriority {
                bestPriority = carrier.priority
                candidates.removeAll(keepingCapacity: true)
            }
            if carrier.priority == bestPriority {
                candidates.append((carrier, mvnoHost, row[4], row[5]))
            }
        }
        guard !candidates.isEmpty else { return .unreachable(Deliverability.combined(reasons)) }
        let chosen = candidates.count == 1 ? candidates[0] : candidates[Int.random(in: 0..<candidates.count, using: &generator)]
        let sealed = [UInt8](chosen.sealed), hash = [UInt8](chosen.hash)
        let phone = try session?.open(sealed, hash: hash) ?? cipher.open(sealed, hash: hash)
        return .line(ResolvedLine(carrier: chosen.carrier, phone: String(decoding: phone, as: UTF8.self), mvnoHost: chosen.host))
    }

    /// Resolves a CI given as text; `nil` when it is not a valid CI.
    public func resolve(ci: String, in db: Database, seed: UInt64? = nil) throws -> Resolution? {
        guard let bytes = CICodec.decode(ci) else { return nil }
        var generator = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
        return try resolve(ciHash: cipher.ciHash(bytes), in: db, using: &generator)
    }
}
