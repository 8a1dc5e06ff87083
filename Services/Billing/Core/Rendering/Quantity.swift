/// Fixed-point quantities as text (`10123` at scale 2 → `101.23`).
enum Quantity {
    static func text(_ value: Int64, scale: Int) -> String {
        guard scale > 0 else { return String(value) }
        var divisor: Int64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let sign = value < 0 ? "-" : ""
        let (whole, fraction) = value.magnitude.quotientAndRemainder(dividingBy: UInt64(divisor))
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: scale - digits.count) + digits
    }

    /// Won with thousands separators (`1234567` → `1,234,567`).
    static func won(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
