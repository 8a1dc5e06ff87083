import Schema

/// A CI as the identity service knows it: `Schema.CI`'s rule (88 characters of canonical
/// standard base64 for 64 bytes), the same everywhere (issue 18).
enum CIFormat {
    static func isValid(_ ci: String) -> Bool { CI(ci) != nil }
}
