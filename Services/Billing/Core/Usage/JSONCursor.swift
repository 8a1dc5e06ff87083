import Foundation
import Schema

/// A forward-only reader over JSON bytes; every method returns `nil` (or `false`) at the first
/// byte it does not expect, leaving the decision to the full decoder.
struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private enum Key: UInt8 {
        case eventId = 1, institution = 2, item = 4, quantity = 8, occurredAt = 16, reference = 32
    }

    private static let required = Key.eventId.rawValue | Key.institution.rawValue | Key.item.rawValue
        | Key.quantity.rawValue | Key.occurredAt.rawValue

    /// `{"events":[event, ...]}` and nothing after it but whitespace.
    mutating func recordUsage() -> [UsageEvent]? {
        guard take(UInt8(ascii: "{")), let key = rawString(), equals(key, "events"), take(UInt8(ascii: ":")),
              take(UInt8(ascii: "["))
        else { return nil }
        var events: [UsageEvent] = []
        events.reserveCapacity(bytes.count / 96)
        if !take(UInt8(ascii: "]")) {
            repeat {
                guard let event = event() else { return nil }
                events.append(event)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")) else { return nil }
        }
        guard take(UInt8(ascii: "}")) else { return nil }
        skipSpace()
        return index == bytes.count ? events : nil
    }

    private mutating func event() -> UsageEvent? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var seen: UInt8 = 0
        var eventId = "", institution = "", reference: String?
        var item = UsageItem.noticeSent
        var quantity: Int64 = 0
        var occurredAt = Date(timeIntervalSince1970: 0)
        repeat {
            guard let name = rawString(), let key = key(name), seen & key.rawValue == 0, take(UInt8(ascii: ":")) else { return nil }
            seen |= key.rawValue
            switch key {
            case .eventId:
                guard let value = string() else { return nil }
                eventId = value
            case .institution:
                guard let value = string() else { return nil }
                institution = value
            case .item:
                guard let value = string(), let parsed = UsageItem(rawValue: value) else { return nil }
                item = parsed
            case .quantity:
                guard let value = integer() else { return nil }
                quantity = value
            case .occurredAt:
                // As `JSONDecoder`'s `.millisecondsSince1970`: the number as a Double, over 1000.
                guard let milliseconds = number() else { return nil }
                occurredAt = Date(timeIntervalSince1970: milliseconds / 1000.0)
            case .reference:
                if literalNull() {
                    reference = nil
                } else {
                    guard let value = string() else { return nil }
                    reference = value
                }
            }
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "}")), seen & Self.required == Self.required else { return nil }
        return UsageEvent(eventId: eventId, institution: institution, item: item, quantity: quantity,
                          occurredAt: occurredAt, reference: reference)
    }

    private func key(_ range: Range<Int>) -> Key? {
        switch range.count {
        case 4: equals(range, "item") ? .item : nil
        case 7: equals(range, "eventId") ? .eventId : nil
        case 8: equals(range, "quantity") ? .quantity : nil
        case 9: equals(range, "reference") ? .reference : nil
        case 10: equals(range, "occurredAt") ? .occurredAt : nil
        case 11: equals(range, "institution") ? .institution : nil
        default: nil
        }
    }

    private func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return zip(bytes[range], expected).allSatisfy { $0 == $1 }
    }

    // MARK: Tokens

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func literalNull() -> Bool {
        skipSpace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
              bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
        else { return false }
        index += 4
        return true
    }

    /// The byte range of a string without escapes (keys).
    private mutating func rawString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return start..<(index - 1)
            case UInt8(ascii: "\\"), 0x00..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// A string value: valid UTF-8, with the one-character escapes (`\uXXXX` is left to the full decoder).
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return escaped ? Self.unescape(content) : String(validating: content, as: UTF8.self)
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1   // the escaped byte cannot end the string
            }
            index += 1
        }
        return nil
    }

    private static func unescape(_ content: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var position = 0
        while position < content.count {
            let byte = content[position]
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard position < content.count else { return nil }
            let escape = content[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: return nil
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// An integer without fraction or exponent that fits in an `Int64`.
    private mutating func integer() -> Int64? {
        skipSpace()
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        return negative ? -value : value
    }

    /// A JSON number as a `Double`, parsed by the standard library (correctly rounded, as the
    /// full decoder's parse is).
    private mutating func number() -> Double? {
        skipSpace()
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start, index - start <= 32 else { return nil }
                return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            }
        }
        return nil
    }
}
