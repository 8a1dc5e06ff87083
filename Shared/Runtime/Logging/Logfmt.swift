/// logfmt encoding: `key=value` pairs separated by spaces, one event per line.
///
/// Values are quoted unless they are plain printable ASCII without `"`, `=` or `\`; inside
/// quotes every line-breaking or control character is escaped, so no value can split an
/// event or forge another one.
enum Logfmt {
    /// `value`, quoted when needed (or always, as for the message).
    static func value(_ value: String, alwaysQuote: Bool = false) -> String {
        if !alwaysQuote, !value.isEmpty, value.utf8.allSatisfy(isPlain) { return value }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // NEL and the Unicode line/paragraph separators split lines in some readers.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{85}"
                || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A key reduced to safe characters, so a hostile key cannot inject `=` or spaces.
    static func key(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        let bytes = key.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                 UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"): byte
            default: UInt8(ascii: "_")
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "=")
            && byte != UInt8(ascii: "\\")
    }

    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
