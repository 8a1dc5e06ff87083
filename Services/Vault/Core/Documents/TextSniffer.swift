import Schema
/// Heuristics for the text kinds (txt, csv, xml, html, eml), which have no binary signature.
enum TextSniffer {
    /// Text without a BOM and leading whitespace, from the first 1 KiB.
    static func leadingText(_ head: [UInt8]) -> String {
        var bytes = head.prefix(1024)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text.drop(while: { $0.isWhitespace }))
    }

    /// No NUL and few control bytes: UTF-8 or EUC-KR text (both keep bytes ≥ 0x80 for Hangul).
    static func isTextual(_ head: [UInt8]) -> Bool {
        guard !head.isEmpty else { return false }
        var control = 0
        for byte in head {
            if byte == 0 { return false }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x1B { control += 1 }
        }
        return control * 100 <= head.count
    }

    /// RFC 5322 header field names that start real messages.
    private static let mailFields = [
        "from:", "received:", "return-path:", "mime-version:", "date:", "subject:", "message-id:", "to:",
        "delivered-to:", "x-", "reply-to:",
    ]

    /// The first line is a header field (`Name: value`) of a mail message.
    static func looksLikeMailHeader(_ head: [UInt8]) -> Bool {
        let text = leadingText(head).lowercased()
        let firstLine = text.prefix(while: { $0 != "\n" && $0 != "\r" })
        return mailFields.contains { firstLine.hasPrefix($0) }
    }
}
