import Foundation
import Runtime

/// The `updatedAt` column: `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` (optional `.fff`), or a bare
/// `YYYY-MM-DD` read as KST midnight. Parsed by hand: it runs once per imported row.
enum Timestamp {
    /// Unix milliseconds, or `nil` for anything else.
    static func parseMilliseconds(_ text: some Collection<UInt8>) -> Int64? {
        let bytes = Array(text)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<start + count {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count >= 10, let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
              bytes[7] == UInt8(ascii: "-"), let day = number(8, 2),
              let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 10 { return Int64(KST.instant(date).timeIntervalSince1970) * 1000 }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), bytes[16] == UInt8(ascii: ":"), let second = number(17, 2),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var millis = 0
        if bytes[index] == UInt8(ascii: ".") {
            guard let fraction = number(index + 1, 3) else { return nil }
            millis = fraction
            index += 4
        }
        var offsetSeconds = 0
        if index == bytes.count - 1, bytes[index] == UInt8(ascii: "Z") {
            offsetSeconds = 0
        } else if index == bytes.count - 6, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
                  let offsetHour = number(index + 1, 2), bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetMinute = number(index + 4, 2), offsetHour < 24, offsetMinute < 60 {
            offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let midnightUTC = Int64(KST.instant(date).timeIntervalSince1970) + Int64(KST.offsetSeconds)
        let seconds = midnightUTC + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }
}
