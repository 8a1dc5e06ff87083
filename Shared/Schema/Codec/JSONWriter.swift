/// Appends JSON to a byte buffer the way `JSONEncoder` writes it: compact, `/` escaped as `\/`,
/// control characters as `\n`-style or `\u00XX` escapes, everything else as UTF-8.
public struct JSONWriter {
    /// What has been written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Makes room for `count` more bytes.
    public mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Writes raw JSON punctuation, e.g. `{"cis":[`; the caller keeps it valid.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes a quoted, escaped string.
    public mutating func string(_ value: String) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5c || byte == 0x2f else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(0x22)
    }

    /// Writes an unsigned integer.
    public mutating func number(_ value: UInt64) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes.append(contentsOf: digits.reversed())
    }

    /// Writes a comma-separated array of strings.
    public mutating func strings(_ values: [String]) {
        bytes.append(0x5b)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(0x2c) }
            string(value)
        }
        bytes.append(0x5d)
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(0x5c)
        switch byte {
        case 0x22, 0x5c, 0x2f: bytes.append(byte)
        case 0x08: bytes.append(0x62)  // b
        case 0x0c: bytes.append(0x66)  // f
        case 0x0a: bytes.append(0x6e)  // n
        case 0x0d: bytes.append(0x72)  // r
        case 0x09: bytes.append(0x74)  // t
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
        }
    }
}
