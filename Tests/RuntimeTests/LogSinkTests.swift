import Foundation
import Testing
@testable import Runtime

@Suite struct LogSinkTests {
    let directory = temporaryDirectory()

    @Test func rotatesBySizeAndKeepsNFiles() throws {
        let sink = try LogSink(configuration: .init(
            service: "vault", directory: directory, toStandardOutput: false, maxFileBytes: 1024, keptFiles: 2))
        let line = String(repeating: "x", count: 99)  // 100 bytes with its newline
        for _ in 0..<45 { sink.write(line: line) }
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["vault.log", "vault.log.1", "vault.log.2"])
        for name in names {
            let size = try #require(try manager.attributesOfItem(atPath: directory.appending(path: name).path)[.size] as? Int)
            #expect(size <= 1024 && size % 100 == 0, "\(name) has \(size) bytes")
        }
        // 45 lines = 4 full files of 10 + 5; the oldest full file was deleted.
        let live = try Data(contentsOf: directory.appending(path: "vault.log"))
        #expect(live.count == 500)
    }

    @Test func appendsToAnExistingFile() throws {
        let configuration = LogSink.Configuration(service: "billing", directory: directory, toStandardOutput: false)
        try LogSink(configuration: configuration).write(line: "one")
        let second = try LogSink(configuration: configuration)
        second.write(line: "two")
        second.flush()
        #expect(try String(contentsOf: directory.appending(path: "billing.log"), encoding: .utf8) == "one\ntwo\n")
    }

    @Test func concurrentWritersNeverInterleave() async throws {
        let sink = try LogSink(configuration: .init(service: "identity", directory: directory, toStandardOutput: false))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<200 { sink.write(line: "writer=\(writer) index=\(index) " + String(repeating: "p", count: 200)) }
                }
            }
        }
        let text = try String(contentsOf: directory.appending(path: "identity.log"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1600)
        #expect(lines.allSatisfy { $0.hasPrefix("writer=") && $0.hasSuffix(String(repeating: "p", count: 200)) })
    }

    @Test func rawNewlinesPassedToTheSinkAreEscaped() throws {
        let sink = try LogSink(configuration: .init(service: "gateway", directory: directory, toStandardOutput: false))
        sink.write(line: "a\nb")
        #expect(try String(contentsOf: directory.appending(path: "gateway.log"), encoding: .utf8) == "a\\nb\n")
    }

    @Test func badConfigurationIsATypedError() {
        #expect(throws: LogSinkError.self) { try LogSink(configuration: .init(service: "../etc", directory: directory)) }
        #expect(throws: LogSinkError.self) {
            try LogSink(configuration: .init(service: "x", directory: directory, maxFileBytes: 10))
        }
        #expect(throws: LogSinkError.self) {
            try LogSink(configuration: .init(service: "x", directory: URL(fileURLWithPath: "/proc/songdal-nope")))
        }
    }
}
