/// Integer won arithmetic (BI-4: amounts round half up to the won per line).
public enum Rounding {
    /// `numerator / denominator` rounded half up (half away from zero for negative numerators).
    /// `denominator` must be positive; a non-positive one yields 0 rather than trapping.
    public static func divideHalfUp(_ numerator: Int64, by denominator: Int64) -> Int64 {
        guard denominator > 0 else { return 0 }
        let magnitude = numerator.magnitude
        let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: UInt64(denominator))
        let rounded = Int64(quotient) + (remainder * 2 >= UInt64(denominator) ? 1 : 0)
        return numerator < 0 ? -rounded : rounded
    }

    /// `value × percent / 100`, rounded half up.
    public static func percent(_ value: Int64, _ percent: Int) -> Int64 {
        divideHalfUp(value * Int64(percent), by: 100)
    }
}
