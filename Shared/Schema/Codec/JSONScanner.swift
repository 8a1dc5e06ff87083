import Foundation

/// A pull reader of JSON bytes for ``FastPayload`` types. Every method returns nil or false on
/// anything it does not expect, and the caller then gives up: it never guesses.
///
/// Everything is `@inlinable`: its users live in other modules (vault certificates, identity
/// payloads), and as plain cross-module calls each member read cost a call and a generic
/// metadata lookup instead of being specialized into the caller.
public struct JSONScanner {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline var position = 0

    @inlinable public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether only whitespace is left.
    @inlinable public mutating func atEnd() -> Bool {
        skipWhitespace()
        return position == bytes.count
    }

    /// Reads an object, calling `member` with each key; `member` must read the value and return
    /// false to give up. Keys with escapes are not expected in payloads: they give up too.
    @inlinable public mutating func object(_ member: (inout JSONScanner, JSONKey) -> Bool) -> Bool {
        guard consume(0x7b) else { return false }
        if consume(0x7d) { return true }
        repeat {
            skipWhitespace()
            guard let key = rawKey(), consume(0x3a), member(&self, key) else { return false }
        } while consume(0x2c)
        return consume(0x7d)
    }

    /// Reads an array, calling `element` for each item (it must read the item).
    @inlinable public mutating func array(_ element: (inout JSONScanner) -> Bool) -> Bool {
        guard consume(0x5b) else { return false }
        if consume(0x5d) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(0x2c)
        return consume(0x5d)
    }

    /// Reads an array whose every item `read` reads; nil when one does not.
    @inlinable public mutating func elements<T>(_ read: (inout JSONScanner) -> T?) -> [T]? {
        var values: [T] = []
        let complete = array { scanner in
            guard let value = read(&scanner) else { return false }
            values.append(value)
            return true
        }
        return complete ? values : nil
    }

    /// Reads an array of strings.
    @inlinable public mutating func strings() -> [String]? { elements { $0.string() } }

    /// Reads `null`; false (and nothing consumed) when the next value is something else.
    @inlinable public mutating func null() -> Bool {
        skipWhitespace()
        guard bytes.count - position >= 4, bytes[position] == 0x6e, bytes[position + 1] == 0x75,
              bytes[position + 2] == 0x6c, bytes[position + 3] == 0x6c else { return false }
        position += 4
        return true
    }

    /// Reads a non-negative integer written in plain digits.
    @inlinable public mutating func unsigned() -> UInt64? {
        skipWhitespace()
        var value: UInt64 = 0
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(UInt64(bytes[position] - 0x30))
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
            position += 1
        }
        guard position > start else { return nil }
        if position < bytes.count, bytes[position] == 0x2e || bytes[position] | 0x20 == 0x65 { return nil }  // . e E
        return value
    }

    /// Reads an integer written in plain digits, with an optional leading minus.
    @inlinable public mutating func integer() -> Int? {
        skipWhitespace()
        let negative = position < bytes.count && bytes[position] == 0x2d
        if negative { position += 1 }
        guard let magnitude = unsigned() else { return nil }
        if negative { return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// Reads `true` or `false`.
    @inlinable public mutating func bool() -> Bool? {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Reads a date written as whole milliseconds since 1970, as `JSONEncoder` writes it with
    /// `.millisecondsSince1970` (a fraction gives up, so the caller's `Codable` path decides).
    @inlinable public mutating func millisecondsDate() -> Date? {
        guard let milliseconds = integer(), abs(milliseconds) < 1 << 53 else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Reads a string, undoing escapes; nil for invalid UTF-8 or a bad escape.
    @inlinable public mutating func string() -> String? {
        guard let (body, plain) = stringBody() else { return nil }
        return plain ? String(validating: body, as: UTF8.self) : Self.unescaped(body)
    }

    /// Reads a string of base64 as the bytes it encodes, without making a `String` of it (a
    /// time-stamp token is over a kilobyte); nil when it is not plain base64.
    @inlinable public mutating func base64() -> [UInt8]? {
        guard let (body, plain) = stringBody(), plain, let data = Data(base64Encoded: Data(body)) else { return nil }
        return [UInt8](data)
    }

    /// Moves past the string at the position; its body (between the quotes) and whether that
    /// has no escapes. Nil when there is no string, or it holds a raw control character.
    @inlinable mutating func stringBody() -> (body: ArraySlice<UInt8>, plain: Bool)? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == 0x22 else { return nil }
        let start = position + 1
        // Strings are most of a certificate's bytes: 8 at a time are skipped while none of them
        // ends the string, starts an escape or is a control character.
        let end = bytes.withUnsafeBufferPointer { buffer -> (index: Int, plain: Bool)? in
            guard let base = buffer.baseAddress else { return nil }
            var index = start
            var plain = true
            while true {
                while index + 8 <= buffer.count,
                      !Self.mayEndPlainRun(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                guard index < buffer.count else { return nil }
                let byte = buffer[index]
                if byte == 0x22 { return (index, plain) }
                if byte < 0x20 { return nil }
                if byte == 0x5c { plain = false }
                index += byte == 0x5c ? 2 : 1
            }
        }
        guard let end else { return nil }
        position = end.index + 1
        return (bytes[start..<end.index], end.plain)
    }

    /// Reads a member's value into `slot` with `read`; false (give up) when it does not read or
    /// the member came before: a duplicate is left to `Codable`.
    @inlinable public mutating func once<T>(_ slot: inout T?, _ read: (inout JSONScanner) -> T?) -> Bool {
        guard slot == nil, let value = read(&self) else { return false }
        slot = value
        return true
    }

    /// `once` for an optional member: `null` or a value, recorded as `.some(nil)` or `.some(value)`.
    @inlinable public mutating func onceOptional<T>(_ slot: inout T??, _ read: (inout JSONScanner) -> T?) -> Bool {
        guard slot == nil else { return false }
        if null() {
            slot = .some(nil)
            return true
        }
        guard let value = read(&self) else { return false }
        slot = .some(value)
        return true
    }

    /// Skips any one value (for members a newer peer may add).
    @inlinable public mutating func skipValue() -> Bool {
        skipWhitespace()
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case 0x22: return string() != nil
        case 0x7b: return object { scanner, _ in scanner.skipValue() }
        case 0x5b: return array { $0.skipValue() }
        default:
            let start = position
            while position < bytes.count, !Self.delimiters.contains(bytes[position]) { position += 1 }
            return position > start
        }
    }

    /// Whether any of the eight bytes in `word` is `"`, `\` or below 0x20 (the "has a zero
    /// byte" and "has a byte less than" word tests; no false negatives, and a false positive
    /// only sends the caller to its byte-by-byte path).
    @inlinable @inline(__always) static func mayEndPlainRun(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5c)
        let control = (word &- ones &* 0x20) & ~word
        return (control | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & (ones &* 0x80) != 0
    }

    @usableFromInline static let delimiters: Set<UInt8> = [0x2c, 0x7d, 0x5d, 0x20, 0x0a, 0x0d, 0x09]

    @inlinable mutating func rawKey() -> JSONKey? {
        guard position < bytes.count, bytes[position] == 0x22 else { return nil }
        let start = position + 1
        var index = start
        while index < bytes.count, bytes[index] != 0x22 {
            if bytes[index] == 0x5c || bytes[index] < 0x20 { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        position = index + 1
        return JSONKey(bytes: bytes[start..<index])
    }

    @inlinable mutating func literal(_ text: StaticString) -> Bool {
        let matches = text.withUTF8Buffer { word in
            bytes.count - position >= word.count && bytes[position..<(position + word.count)].elementsEqual(word)
        }
        if matches { position += text.utf8CodeUnitCount }
        return matches
    }

    @inlinable mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    @inlinable mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09 else { return }
            position += 1
        }
    }

    /// The text of a string body with escapes (`\n`, `\/`, `\u00e9`, surrogate pairs…) undone.
    @inlinable static func unescaped(_ body: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var index = body.startIndex
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= body.endIndex else { return nil }
            var value: UInt32 = 0
            for byte in body[at..<(at + 4)] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | digit
            }
            return value
        }
        while index < body.endIndex {
            guard body[index] == 0x5c else {
                let run = body[index...].firstIndex(of: 0x5c) ?? body.endIndex
                out.append(contentsOf: body[index..<run])
                index = run
                continue
            }
            guard index + 1 < body.endIndex else { return nil }
            let code = body[index + 1]
            index += 2
            switch code {
            case 0x22, 0x5c, 0x2f: out.append(code)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0c)
            case 0x6e: out.append(0x0a)
            case 0x72: out.append(0x0d)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex4(index) else { return nil }
                index += 4
                if (0xd800...0xdbff).contains(scalar) {
                    guard index + 6 <= body.endIndex, body[index] == 0x5c, body[index + 1] == 0x75,
                          let low = hex4(index + 2), (0xdc00...0xdfff).contains(low) else { return nil }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    @inlinable static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }
}

/// An object key as read, compared without making a `String`.
public struct JSONKey {
    @usableFromInline let bytes: ArraySlice<UInt8>

    @usableFromInline init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    @inlinable public static func == (key: JSONKey, text: StaticString) -> Bool {
        text.withUTF8Buffer { key.bytes.elementsEqual($0) }
    }
}
