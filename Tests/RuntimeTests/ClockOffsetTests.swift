import Foundation
import Testing
@testable import Runtime

/// Clock offsets of any sign (issue 17): a clock in the past is a negative offset, which the
/// argument parser once read as an unknown flag, so every child of `songdal up` exited 64.
@Suite struct ClockOffsetTests {
    static let nineYears: Int64 = 9 * 365 * 86_400

    static let cases: [([String], Int64)] = [
        (["--clock-offset", "-\(nineYears)"], -nineYears),
        (["--clock-offset=-\(nineYears)"], -nineYears),
        (["--clock-offset", "\(nineYears)"], nineYears),
        (["--clock-offset", "-1"], -1),
    ]

    @Test(arguments: cases)
    func flagsOfEitherSign(arguments: [String], expected: Int64) throws {
        let configuration = try ServiceOptions.parse(arguments).configuration(service: "vault", environment: [:])
        #expect(configuration.clockOffsetSeconds == expected)
    }

    @Test func environmentOfEitherSign() throws {
        for value in [-Self.nineYears, Self.nineYears] {
            let configuration = try ServiceOptions.parse([])
                .configuration(service: "vault", environment: ["SONGDAL_CLOCK_OFFSET": "\(value)"])
            #expect(configuration.clockOffsetSeconds == value)
        }
    }

    @Test func aNegativeOffsetIsNotTakenForTheNextFlag() throws {
        let configuration = try ServiceOptions.parse(["--clock-offset", "-5", "--insecure"])
            .configuration(service: "vault", environment: [:])
        #expect(configuration.clockOffsetSeconds == -5)
        #expect(configuration.insecure)
    }

    @Test func offsetsBeyondTenYearsAreRefusedNamingTheValue() {
        #expect(throws: ConfigurationError.self) {
            try ServiceOptions.parse(["--clock-offset", "-\(11 * 366 * 86_400)"]).configuration(service: "vault", environment: [:])
        }
    }

    @Test func theOffsetClockRunsInThePastAndTheFuture() {
        let past = OffsetWallClock(offsetSeconds: -Self.nineYears)
        let future = OffsetWallClock(offsetSeconds: Self.nineYears)
        let now = Date()
        #expect(abs(past.now.timeIntervalSince(now) + Double(Self.nineYears)) < 5)
        #expect(abs(future.now.timeIntervalSince(now) - Double(Self.nineYears)) < 5)
    }
}
