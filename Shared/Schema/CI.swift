/// A CI (연계정보, ID-1): 64 bytes, written as exactly 88 characters of canonical, padded standard
/// base64 (`…==`, the four unused bits zero, so one CI has one spelling). The one validator of the
/// platform (issue 18): identity, the notifier and the gateway all accept and refuse the same text.
///
/// Never logged: `description` is masked.
public struct CI: Hashable, Sendable, CustomStringConvertible {
    /// Length of the text form.
    public static let textLength = 88
    /// Length of the decoded CI.
    public static let byteCount = 64

    /// The text form, exactly as given (it is already canonical).
    public let text: String
    /// The 64 bytes.
    public let bytes: [UInt8]

    /// `nil` unless `text` is a CI's canonical text form.
    public init?(_ text: String) {
        guard let bytes = Self.decode(text.utf8) else { return nil }
        self.text = text
        self.bytes = bytes
    }

    /// A CI from its 64 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
        text = Self.encode(bytes)
    }

    public var description: String { "CI(…)" }

    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// The 64 CI bytes of a text form, or `nil`. Over bytes, without allocating a `String`
    /// (it runs once per imported row and per resolved CI).
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard text.count == textLength else { return nil }
        let input = Array(text)
        // 64 bytes = 21 full quanta + 1 byte, so the text ends with exactly "==".
        guard input[86] == UInt8(ascii: "="), input[87] == UInt8(ascii: "=") else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(byteCount)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<86 {
            let value = values[Int(input[index])]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // The 4 leftover bits must be zero in canonical base64.
        guard out.count == byteCount, accumulator & 0xF == 0 else { return nil }
        return out
    }

    /// Standard padded base64 of `bytes` (88 characters for a 64-byte CI).
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(chunk >> UInt32(shift) & 0x3F)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            var chunk = UInt32(bytes[index]) << 16
            if rest == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
            out.append(alphabet[Int(chunk >> 18 & 0x3F)])
            out.append(alphabet[Int(chunk >> 12 & 0x3F)])
            out.append(rest == 2 ? alphabet[Int(chunk >> 6 & 0x3F)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
