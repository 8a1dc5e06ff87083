import Schema

/// Checks a document's declared kind against its content (VA-1): the kind must be one of the 26
/// and the magic bytes must be its family's. Bytes are not trusted by name alone.
public enum KindChecker {
    /// How many leading bytes the check reads.
    public static let headSize = 4096

    /// The declared kind: `kind` when given, else the file name's extension.
    public static func declaredKind(kind: String?, fileName: String) throws(ErrorReply) -> DocumentKind {
        if let kind, !kind.isEmpty {
            guard let parsed = DocumentKind(named: kind) else {
                throw ErrorReply(code: .unsupportedKind, message: "kind \(kind) is not one of the 26 accepted kinds", field: "kind")
            }
            return parsed
        }
        guard let parsed = DocumentKind(fileName: fileName) else {
            throw ErrorReply(code: .unsupportedKind,
                             message: "file name has no accepted extension (hwp, pdf, docx, … 26 kinds)", field: "fileName")
        }
        return parsed
    }

    /// Throws `kind_mismatch` naming the detected family when `head` is not `kind`'s family.
    public static func check(_ kind: DocumentKind, head: [UInt8]) throws(ErrorReply) {
        guard !kind.family.matches(head) else { return }
        let found = ContentFamily.detect(head).map { "\($0.rawValue) content" } ?? "unrecognised content"
        throw ErrorReply(code: .kindMismatch,
                         message: "declared \(kind.rawValue) (\(kind.family.rawValue)) but the bytes are \(found)", field: "kind")
    }
}
