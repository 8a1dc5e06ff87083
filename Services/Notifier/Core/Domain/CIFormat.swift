/// A CI as the identity service knows it: 88 characters of standard base64 (64 bytes).
enum CIFormat {
    static func isValid(_ ci: String) -> Bool {
        let bytes = Array(ci.utf8)
        guard bytes.count == 88, bytes[86] == UInt8(ascii: "="), bytes[87] == UInt8(ascii: "=") else { return false }
        return bytes[0..<86].allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 43 || byte == 47
        }
    }
}
