import Foundation
import Logging
import Testing
@testable import Runtime

/// The heartbeat and parent watch a service runs under `songdal up` (issue 17).
@Suite struct SupervisedChildTests {
    let logger = Logger(label: "test")

    @Test func offUnlessTheEnvironmentAsks() {
        #expect(SupervisedChild(service: "vault", environment: [:], logger: logger) == nil)
        #expect(SupervisedChild(service: "vault", environment: ["SONGDAL_SUPERVISOR_PID": "1"], logger: logger) == nil,
                "pid 1 is what an orphan's parent becomes: never a supervisor to watch")
        #expect(SupervisedChild(service: "vault", environment: ["SONGDAL_SUPERVISOR_PID": "x"], logger: logger) == nil)
    }

    @Test func aHeartbeatFolderNamesTheServicesFile() throws {
        let child = try #require(SupervisedChild(service: "vault", environment: ["SONGDAL_HEARTBEAT_DIR": "/tmp/x"], logger: logger))
        #expect(child.heartbeatFile?.path == "/tmp/x/vault.heartbeat")
        #expect(child.supervisorPID == nil)
    }

    @Test func beatsUntilGracefulShutdownAndTheFileReadsBack() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "heartbeat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "notifier.heartbeat")
        let child = try #require(SupervisedChild(
            service: "notifier", environment: ["SONGDAL_HEARTBEAT_DIR": folder.path, "SONGDAL_SUPERVISOR_PID": "\(getppid())"],
            logger: logger))
        let task = Task { try await child.run() }
        #expect(try await poll { Heartbeat.read(file) != nil })
        let first = try #require(Heartbeat.read(file))
        #expect(first.pid == getpid())
        #expect(first.age() < 5)
        #expect(try await poll(seconds: 5) { (Heartbeat.read(file)?.written ?? .distantPast) > first.written },
                "the heartbeat was not rewritten")
        task.cancel()
        _ = try? await task.value
    }

    @Test func aHeartbeatFileThatIsNotOneReadsAsMissing() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "bad-\(UUID().uuidString).heartbeat")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("hello".utf8).write(to: file)
        #expect(Heartbeat.read(file) == nil)
        #expect(Heartbeat.read(file.appending(path: "missing")) == nil)
    }

    private func poll(seconds: Double = 5, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
