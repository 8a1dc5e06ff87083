import Foundation
import Logging
import Testing
@testable import Runtime

@Suite struct LogfmtLogHandlerTests {
    let directory = temporaryDirectory()
    let clock = FakeWallClock(isoInstant("2026-11-21T09:00:00.123Z"))

    func makeLogger(_ sink: LogSink, level: Logger.Level = .info) -> Logger {
        Logger(label: "songdal.test") { label in
            var handler = LogfmtLogHandler(label: label, service: "notifier", sink: sink, clock: clock)
            handler.logLevel = level
            return handler
        }
    }

    func fileSink() throws -> LogSink {
        try LogSink(configuration: .init(service: "notifier", directory: directory, toStandardOutput: false))
    }

    func fileText() throws -> String {
        String(decoding: try Data(contentsOf: directory.appending(path: "notifier.log")), as: UTF8.self)
    }

    @Test func writesOneLogfmtLineWithSortedMetadata() throws {
        let logger = makeLogger(try fileSink())
        logger.info("notice sent", metadata: ["zeta": "last", "attempt": "2", "channel": "rcs mms", "empty": ""])
        #expect(try fileText() == """
            ts=2026-11-21T09:00:00.123Z level=info service=notifier msg="notice sent" \
            attempt=2 channel="rcs mms" empty="" zeta=last\n
            """)
    }

    @Test func phonesAndCIsNeverReachTheFileUnmasked() throws {
        let ci = syntheticCI(seed: 3)
        let logger = makeLogger(try fileSink())
        logger.warning("resolve 010-1234-5678 ci \(ci)", metadata: [
            "phone": "01012345678", "ci": .string(ci),
            "nested": .dictionary(["to": .array(["010-1234-5678"])]),
        ])
        logger.error("fallback to 01012345678")
        let bytes = try Data(contentsOf: directory.appending(path: "notifier.log"))
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in ["010-1234-5678", "01012345678", "1234", String(ci.prefix(20)), String(ci.suffix(20))] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "leaked \(secret) in \(text)")
        }
        #expect(text.components(separatedBy: "010-****-5678").count - 1 == 4)
        #expect(text.components(separatedBy: "[CI]").count - 1 == 2)
    }

    @Test func aNewlineInTheMessageStaysOneLine() throws {
        let logger = makeLogger(try fileSink())
        logger.info("first line\nlevel=critical msg=\"forged\"", metadata: ["k": "a\r\nb\u{2028}c"])
        logger.info("second")
        let text = try fileText()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "\(text)")
        #expect(lines[0].hasSuffix(#"msg="first line\nlevel=critical msg=\"forged\"" k="a\r\nb\u2028c""#))
    }

    @Test func levelsBelowTheHandlerLevelAreDropped() throws {
        let logger = makeLogger(try fileSink(), level: .notice)
        logger.info("quiet")
        logger.notice("loud")
        let text = try fileText()
        #expect(!text.contains("quiet") && text.contains("level=notice"))
    }

    @Test func handlerMetadataAndLoggerMetadataMerge() throws {
        var logger = makeLogger(try fileSink())
        logger[metadataKey: "instance"] = "1"
        logger[metadataKey: "attempt"] = "1"
        logger.info("x", metadata: ["attempt": "3"])
        #expect(try fileText().hasSuffix(#"msg="x" attempt=3 instance=1"# + "\n"))
    }

    @Test func hostileKeysCannotInjectFields() throws {
        let logger = makeLogger(try fileSink())
        logger.info("x", metadata: ["a b=c\n": "v"])
        #expect(try fileText().hasSuffix(#"msg="x" a_b_c_=v"# + "\n"))
    }
}

/// A fresh empty directory under the system temporary directory.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "songdal-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
