import Foundation
import Schema

/// The vault's settings (`--set vault.<key>=…` / `SONGDAL_VAULT_<KEY>`), validated at start.
public struct VaultSettings: Sendable {
    /// Arc under which package and document OIDs are made (VA-2).
    public var oidArc = "1.2.410.200032.9"
    /// Largest accepted document in bytes (VA-1; default 100 MB).
    public var maximumSize: Int64 = 100 * 1024 * 1024
    /// Default retention (VA-3).
    public var retentionYears = 5
    /// Validity of a certificate of original (VA-6; default 1 year).
    public var certificateValidityDays = 365
    /// Policy OID printed on certificates.
    public var certificatePolicyOID = "1.2.410.200032.2.9.6"
    /// TSA policy OID in time-stamp tokens.
    public var timeStampPolicyOID = "1.2.410.200032.2.9.5"
    /// Log origin line of signed checkpoints.
    public var origin = "songdal.vault/log/v1"
    /// Issuer name printed on certificates.
    public var issuer = "Songdal Vault (공인전자문서센터)"
    /// Hex AES-256 master key wrapping the per-institution data keys; generated when absent.
    public var masterKeyHex: String?
    /// Folder of keys and certificates (default `<service directory>/keys`).
    public var keysDirectory: URL?

    public init() {}

    /// Reads and validates settings; a bad value is a typed error naming the key.
    public init(_ values: [String: String], setting: (String) -> String?) throws(ErrorReply) {
        func integer(_ key: String, _ range: ClosedRange<Int64>) throws(ErrorReply) -> Int64? {
            guard let text = setting(key) else { return nil }
            guard let value = Int64(text), range.contains(value) else {
                throw ErrorReply(code: .invalidSetting, message: "\(key) must be an integer in \(range)", field: key)
            }
            return value
        }
        if let arc = setting("vault.oid-arc") {
            guard OIDMaker.isValidArc(arc) else {
                throw ErrorReply(code: .invalidSetting, message: "vault.oid-arc must be a dotted decimal OID", field: "vault.oid-arc")
            }
            oidArc = arc
        }
        if let size = try integer("vault.max-size", 1...(1 << 40)) { maximumSize = size }
        if let years = try integer("vault.retention-years", 1...100) { retentionYears = Int(years) }
        if let days = try integer("vault.certificate-validity-days", 1...36_500) { certificateValidityDays = Int(days) }
        if let origin = setting("vault.origin"), !origin.isEmpty { self.origin = origin }
        if let key = setting("vault.master-key") {
            guard Hex.decodeKey(key) != nil else {
                throw ErrorReply(code: .invalidSetting, message: "vault.master-key must be 64 hex characters", field: "vault.master-key")
            }
            masterKeyHex = key
        }
        if let folder = setting("vault.keys-dir"), !folder.isEmpty { keysDirectory = URL(fileURLWithPath: folder) }
    }
}

import SongdalCrypto

extension Hex {
    /// 32 key bytes from 64 hex characters.
    static func decodeKey(_ text: String) -> [UInt8]? {
        guard let bytes = decode(text), bytes.count == 32 else { return nil }
        return bytes
    }
}
