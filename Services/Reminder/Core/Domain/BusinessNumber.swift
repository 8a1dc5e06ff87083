import Foundation

/// A Korean business registration number (사업자등록번호), checksum-validated (SPEC §6).
public struct BusinessNumber: Hashable, Sendable, CustomStringConvertible {
    /// The ten digits, no dashes.
    public let digits: String

    /// Accepts `XXX-XX-XXXXX` or ten digits; `nil` when the form or the check digit is wrong.
    public init?(_ text: String) {
        // On the bytes (no intermediate arrays of Ints or Strings): this runs once per CSV row.
        let stripped = FieldText.trimmed(text)
        let count = stripped.utf8.count
        let dashed = count == 12
        guard dashed || count == 10 else { return nil }
        var values: [Int] = []
        values.reserveCapacity(10)
        var digitBytes: [UInt8] = []
        digitBytes.reserveCapacity(10)
        for (offset, byte) in stripped.utf8.enumerated() {
            if dashed, offset == 3 || offset == 6 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            values.append(Int(byte - UInt8(ascii: "0")))
            digitBytes.append(byte)
        }
        guard values.count == 10, Self.checkDigit(values) == values[9] else { return nil }
        digits = String(decoding: digitBytes, as: UTF8.self)
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
}
