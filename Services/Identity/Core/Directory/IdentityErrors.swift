import Schema

/// The typed refusals of the identity service (stable snake_case codes). Messages never carry
/// the offending value: it may be a CI or a phone.
enum IdentityErrors {
    static func invalidCI(field: String = "ci") -> ErrorReply {
        ErrorReply(code: .invalidCI, message: "a CI is 88 characters of standard base64 for 64 bytes", field: field)
    }

    static func invalidPhone(field: String = "phone") -> ErrorReply {
        ErrorReply(code: .invalidPhone, message: "a Korean mobile number 01[016789]-NNN(N)-NNNN is needed", field: field)
    }

    static let lineNotFound = ErrorReply(code: .lineNotFound, message: "no line with this CI and phone", field: "phone")
    static let phoneInUse = ErrorReply(code: .phoneInUse, message: "the new number belongs to another line", field: "newPhone")

    static func tooMany(_ count: Int) -> ErrorReply {
        ErrorReply(code: .batchTooLarge, message: "at most \(ResolveBatch.maximumCount) CIs per batch, got \(count)", field: "cis")
    }

    static let countMismatch = ErrorReply(code: .countMismatch, message: "noticeIds must have one entry per CI", field: "noticeIds")

    static func missing(_ field: String) -> ErrorReply {
        ErrorReply(code: .missingField, message: "\(field) must not be empty", field: field)
    }
}
