import Foundation

/// A Korean business registration number (사업자등록번호), checksum-validated (SPEC §6).
public struct BusinessNumber: Hashable, Sendable, CustomStringConvertible {
    /// The ten digits, no dashes.
    public let digits: String

    /// Accepts `XXX-XX-XXXXX` or ten digits; `nil` when the form or the check digit is wrong.
    public init?(_ text: String) {
        let stripped = text.trimmingCharacters(in: .whitespaces)
        let dashed = stripped.utf8.count == 12
        let values: [Int]
        if dashed {
            let bytes = Array(stripped.utf8)
            guard bytes[3] == UInt8(ascii: "-"), bytes[6] == UInt8(ascii: "-") else { return nil }
            values = Self.digitValues(bytes.enumerated().filter { $0.offset != 3 && $0.offset != 6 }.map(\.element))
        } else {
            values = Self.digitValues(Array(stripped.utf8))
        }
        guard values.count == 10, Self.checkDigit(values) == values[9] else { return nil }
        digits = values.map(String.init).joined()
    }

    /// `XXX-XX-XXXXX`.
    public var description: String {
        let d = Array(digits)
        return String(d[0..<3]) + "-" + String(d[3..<5]) + "-" + String(d[5..<10])
    }

    /// The check digit for the first nine digits: weights 1,3,7,1,3,7,1,3,5, plus ⌊d9×5/10⌋.
    public static func checkDigit(_ digits: [Int]) -> Int {
        let weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
        var sum = 0
        for index in 0..<9 { sum += digits[index] * weights[index] }
        sum += digits[8] * 5 / 10
        return (10 - sum % 10) % 10
    }

    /// Digit values, or an empty array when any byte is not a digit.
    private static func digitValues(_ bytes: [UInt8]) -> [Int] {
        var values: [Int] = []
        values.reserveCapacity(bytes.count)
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return [] }
            values.append(Int(byte - UInt8(ascii: "0")))
        }
        return values
    }
}
