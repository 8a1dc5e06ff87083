import Foundation
@testable import GatewayCore
import Runtime
import Testing

@Suite struct HTMLTests {
    @Test func interpolationsAreEscaped() {
        let hostile = "<script>alert('x')</script>&\""
        let html: HTML = "<p>\(hostile)</p>"
        #expect(html.raw == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;</p>")
        let nested: HTML = "<div>\(html)</div>"
        #expect(nested.raw == "<div>\(html.raw)</div>", "built fragments are not escaped twice")
    }
}

@Suite struct CSVCheckTests {
    @Test func wellFormedFilesPass() throws {
        try CSVCheck.validate("a,b\n1,2\n\"x, y\",\"he said \"\"hi\"\"\"\r\n\"multi\nline\",3")
        try CSVCheck.validate("a\n")
    }

    @Test func brokenQuotesNameTheirLine() {
        for (text, line) in [("a,b\n1,\"open\n2,3\n", 2), ("a,b\n1,b\"c\n", 2), ("a\n\"x\"y\n", 2), ("a\n\n\n\"x", 4)] {
            do {
                try CSVCheck.validate(text)
                Issue.record("accepted \(text.debugDescription)")
            } catch let problem as Problem {
                #expect(problem.code == .csvMalformed)
                #expect(problem.line == line, "\(text.debugDescription)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}

@Suite struct RateLimiterTests {
    @Test func bucketRefillsAtItsRate() {
        let limiter = RateLimiter(perSecond: 2, burst: 2)
        let start = Date(timeIntervalSince1970: 1_000)
        #expect(limiter.take("k", now: start) == nil)
        #expect(limiter.take("k", now: start) == nil)
        #expect(limiter.take("k", now: start) == 1)
        #expect(limiter.take("k", now: start.addingTimeInterval(0.5)) == nil)
        #expect(limiter.take("other", now: start) == nil)
    }
}

@Suite struct ConfigurationTests {
    @Test func settingsAreReadInBothSpellings() throws {
        let configuration = try GatewayConfiguration(settings: ["gateway_port": "0", "rate_limit_burst": "5", "cors_origins": "https://a.example, https://b.example"])
        #expect(configuration.port == 0)
        #expect(configuration.rateLimitBurst == 5)
        #expect(configuration.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(GatewayConfiguration().corsOrigins.isEmpty)
    }

    @Test func aBadSettingIsATypedError() {
        do {
            _ = try GatewayConfiguration(settings: ["gateway_port": "eighty"])
            Issue.record("accepted a non-numeric port")
        } catch {
            #expect(error.code == .invalidSetting)
            #expect(error.field == "port")
        }
    }
}

@Suite struct StagingSweeperTests {
    @Test func oldStagedFilesGoNewOnesStay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = directory.appendingPathComponent("old"), fresh = directory.appendingPathComponent("fresh")
        try Data("a".utf8).write(to: old)
        try Data("b".utf8).write(to: fresh)
        let now = Date(timeIntervalSince1970: 1_795_399_200)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-90_000)], ofItemAtPath: old.path)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-60)], ofItemAtPath: fresh.path)
        let sweeper = StagingSweeper(directory: directory, clock: FakeWallClock(now), logger: .init(label: "test"))
        #expect(sweeper.sweep() == 1)
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path))
    }
}
