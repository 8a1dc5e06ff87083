import Foundation
import Testing
@testable import Runtime

/// The shipped holiday calendar (SPEC §6), read from the copy compiled into the binaries — what a
/// service started from any folder loads — not from the working folder.
@Suite struct HolidayDataTests {
    let calendar: BusinessCalendar

    init() throws {
        calendar = try BusinessCalendar.loadEmbedded()
    }

    /// SPEC §6's published lists, with the names of data/holidays-kr.json.
    static let spec2026: [String: String] = [
        "2026-01-01": "신정",
        "2026-02-16": "설날 연휴", "2026-02-17": "설날", "2026-02-18": "설날 연휴",
        "2026-03-01": "삼일절", "2026-03-02": "삼일절 대체공휴일",
        "2026-05-01": "노동절", "2026-05-05": "어린이날",
        "2026-05-24": "부처님오신날", "2026-05-25": "부처님오신날 대체공휴일",
        "2026-06-03": "전국동시지방선거", "2026-06-06": "현충일", "2026-07-17": "제헌절",
        "2026-08-15": "광복절", "2026-08-17": "광복절 대체공휴일",
        "2026-09-24": "추석 연휴", "2026-09-25": "추석", "2026-09-26": "추석 연휴",
        "2026-10-03": "개천절", "2026-10-05": "개천절 대체공휴일", "2026-10-09": "한글날",
        "2026-12-25": "성탄절",
    ]

    static let spec2027: [String: String] = [
        "2027-01-01": "신정",
        "2027-02-06": "설날 연휴", "2027-02-07": "설날", "2027-02-08": "설날 연휴", "2027-02-09": "설날 대체공휴일",
        "2027-03-01": "삼일절", "2027-05-01": "노동절", "2027-05-03": "노동절 대체공휴일", "2027-05-05": "어린이날",
        "2027-05-13": "부처님오신날", "2027-06-06": "현충일",
        "2027-07-17": "제헌절", "2027-07-19": "제헌절 대체공휴일",
        "2027-08-15": "광복절", "2027-08-16": "광복절 대체공휴일",
        "2027-09-14": "추석 연휴", "2027-09-15": "추석", "2027-09-16": "추석 연휴",
        "2027-10-03": "개천절", "2027-10-04": "개천절 대체공휴일",
        "2027-10-09": "한글날", "2027-10-11": "한글날 대체공휴일",
        "2027-12-25": "성탄절", "2027-12-27": "성탄절 대체공휴일",
    ]

    func holidays(in year: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: calendar.holidays.filter { $0.key.year == year }.map { ($0.key.description, $0.value) })
    }

    @Test func coversTheCurrentYearAndTheFourAfterIt() {
        #expect(calendar.coveredYears.isSuperset(of: 2026...2031))
    }

    @Test func matchesSpec2026And2027Exactly() throws {
        #expect(holidays(in: 2026) == Self.spec2026)
        #expect(holidays(in: 2027) == Self.spec2027)
        #expect(try calendar.businessDays(inYear: 2026) == 245)
        #expect(try calendar.businessDays(inYear: 2027) == 246)
    }

    @Test(arguments: [
        // (date, holiday name or nil for a business day)
        ("2028-10-05", "개천절·추석 대체공휴일"),  // Chuseok Tue 10-03 is also National Foundation Day
        ("2028-01-03", nil),                     // New Year's Day on a Saturday: never a substitute
        ("2028-04-12", "국회의원선거"),
        ("2029-05-07", "어린이날 대체공휴일"),   // Children's Day on a Saturday
        ("2029-05-21", "부처님오신날 대체공휴일"), // Buddha's Birthday on a Sunday
        ("2029-09-24", "추석 대체공휴일"),        // Chuseok Fri-Sun: the Sunday only
        ("2029-09-25", nil),                     // ... not the Saturday
        ("2030-02-05", "설날 대체공휴일"),        // Seollal Sat-Mon: the Sunday only
        ("2030-02-06", nil),
        ("2030-05-06", "어린이날 대체공휴일"),
        ("2030-06-07", nil),                     // Memorial Day: never a substitute
        ("2030-06-12", "전국동시지방선거"),
        ("2031-03-03", "삼일절 대체공휴일"),      // Independence Movement Day on a Saturday
    ] as [(String, String?)])
    func substitutesInLaterYears(date: String, name: String?) throws {
        #expect(calendar.holidayName(day(date)) == name)
        #expect(try calendar.isBusinessDay(day(date)) == (name == nil))
    }

    /// Recomputes every substitute day of 2028–2031 from the other holidays by SPEC §6's rule
    /// and compares with the file: no missing, extra or misplaced substitute.
    @Test(arguments: 2028...2031)
    func substituteRuleHolds(year: Int) throws {
        let all = calendar.holidays.filter { $0.key.year == year }
        let base = all.filter { !$0.value.hasSuffix("대체공휴일") }
        let actual = Set(all.keys).subtracting(base.keys)
        var expected: Set<LocalDate> = []
        for date in base.keys.sorted() {
            let names = base[date]!.split(separator: "·").map(String.init)
            let rules = names.map(Self.rule)
            guard rules.contains(where: { $0 != .never }) else { continue }
            let sunday = date.weekday == 1
            let saturday = date.weekday == 7 && rules.contains(.weekend)
            guard names.count > 1 || sunday || saturday else { continue }
            var substitute = date.adding(days: 1)
            while substitute.isWeekend || base[substitute] != nil || expected.contains(substitute) {
                substitute = substitute.adding(days: 1)
            }
            expected.insert(substitute)
        }
        #expect(actual == expected, "\(year): file \(actual.sorted()), rule \(expected.sorted())")
        for date in actual { #expect(!date.isWeekend) }
    }

    enum Rule { case never, sunday, weekend }

    static func rule(_ name: String) -> Rule {
        switch name {
        case "신정", "현충일": .never
        case _ where name.hasSuffix("선거"): .never
        case "설날", "설날 연휴", "추석", "추석 연휴": .sunday
        default: .weekend
        }
    }
}
