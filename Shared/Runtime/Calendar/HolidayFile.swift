/// The on-disk form of `holidays-kr.json`.
///
/// ```json
/// {"version":1,"years":{"2026":[{"date":"2026-01-01","name":"신정"}, ...], "2027":[...]}}
/// ```
/// Dates stay strings here so a bad one is reported with its text, not as a decoder path.
struct HolidayFile: Decodable {
    struct Entry: Decodable {
        var date: String
        var name: String
    }

    var version: Int
    var years: [String: [Entry]]

    static let supportedVersion = 1

    /// Checks every rule the decoder cannot, and builds the calendar.
    func calendar() throws(CalendarError) -> BusinessCalendar {
        guard version == Self.supportedVersion else {
            throw .malformed("unsupported version \(version) (expected \(Self.supportedVersion))")
        }
        var holidays: [LocalDate: String] = [:]
        var covered: Set<Int> = []
        for (key, entries) in years {
            // Digits only: `Int("+202")` would accept a sign.
            guard key.utf8.count == 4, key.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }),
                  let year = Int(key), (1...9999).contains(year) else {
                throw .malformed("year key \"\(key)\" is not a four-digit year")
            }
            covered.insert(year)
            for entry in entries {
                guard let date = LocalDate(entry.date) else {
                    throw .malformed("\"\(entry.date)\" is not a valid YYYY-MM-DD date")
                }
                guard date.year == year else {
                    throw .malformed("\(entry.date) is listed under year \(key)")
                }
                guard !entry.name.isEmpty else { throw .malformed("\(entry.date) has an empty name") }
                guard holidays[date] == nil else { throw .malformed("\(entry.date) is listed twice") }
                holidays[date] = entry.name
            }
        }
        guard !covered.isEmpty else { throw .malformed("no years listed") }
        return BusinessCalendar(holidays: holidays, coveredYears: covered)
    }
}
