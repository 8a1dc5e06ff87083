import Foundation

/// How stored size becomes the quantity of a `vault.storage.day` usage event (VA-8, BI-2):
/// megabytes with two decimals, rounded half up at the third ("1.005 MB" → 1.01 MB = 101).
public enum StorageMeasure {
    /// Bytes per MB used for metering: decimal megabytes, as the price list counts them.
    public static let bytesPerMegabyte: Int64 = 1_000_000

    /// Hundredths of a MB for `bytes` (never negative), rounded half up.
    public static func hundredths(bytes: Int64, bytesPerMegabyte: Int64 = bytesPerMegabyte) -> Int64 {
        guard bytes > 0, bytesPerMegabyte > 0 else { return 0 }
        let (whole, rest) = bytes.quotientAndRemainder(dividingBy: bytesPerMegabyte)
        // Split before multiplying by 100 so very large sizes cannot overflow.
        return whole * 100 + (rest * 100 + bytesPerMegabyte / 2) / bytesPerMegabyte
    }

    /// Hundredths of a MB for a decimal text such as `"1.005"`, rounded half up at the third
    /// decimal; `nil` when the text is not a non-negative decimal number.
    public static func hundredths(megabytes text: String) -> Int64? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integerPart = parts.first, !integerPart.isEmpty, integerPart.allSatisfy(\.isASCIIDigit),
              integerPart.count <= 15, let whole = Int64(integerPart) else { return nil }
        var fraction = parts.count > 1 ? Array(parts[1]) : []
        guard fraction.allSatisfy(\.isASCIIDigit), parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < 3 { fraction.append("0") }
        let hundredths = Int64(String(fraction[0...1])) ?? 0
        let roundUp = fraction[2] >= "5"
        return whole * 100 + hundredths + (roundUp ? 1 : 0)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
