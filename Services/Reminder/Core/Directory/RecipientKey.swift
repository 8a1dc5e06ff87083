/// Stable recipient keys: `ceo` for the member's CEO (whatever the mobile number is at the time),
/// `x<id>` for an extra recipient. A key, never a phone number, goes into idempotency keys and logs.
enum RecipientKey {
    static let ceo = "ceo"

    static func extra(_ id: Int64) -> String { "x\(id)" }

    static func extraID(_ key: String) -> Int64? {
        guard key.hasPrefix("x") else { return nil }
        return Int64(key.dropFirst())
    }
}
