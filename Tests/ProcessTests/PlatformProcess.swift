import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `songdal up` in a temporary home, for tests that need the real executables:
/// separate processes on loopback tcp with CURVE, exactly what an operator runs.
final class PlatformProcess: @unchecked Sendable {
    let home: URL
    let process = Process()
    private let output: URL

    /// The folder of the built executables (next to this test bundle in `.build/<config>/`).
    static var binaries: URL {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent()
    }

    /// Starts `songdal up --clock <clock>` in a new temporary home, from that folder (outside the
    /// repository: the binaries must find their reference data wherever they run).
    init(clock: String, arguments: [String] = [], home existing: URL? = nil) throws {
        home = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("songdal-up-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        output = home.appendingPathComponent("up-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.executableURL = Self.binaries.appendingPathComponent("songdal")
        process.currentDirectoryURL = home
        process.arguments = ["up", "--home", home.path, "--bus-port", "0", "--gateway-port", "0",
                             "--clock", clock] + arguments
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// Waits for `songdal up` to exit by itself; its status, or `nil` past the timeout.
    func exitStatus(timeoutSeconds: Double) async throws -> Int32? {
        guard try await waitUntil(seconds: timeoutSeconds, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// Process ids of every `songdal-*` child started under this home.
    func allChildPIDs() -> [Int32] {
        ["bus", "identity", "vault", "notifier", "billing", "reminder", "gateway"].flatMap(childPIDs)
    }

    /// The state `songdal up` wrote once it started its children.
    func state(timeoutSeconds: Double = 120) async throws -> [String: String] {
        let file = home.appendingPathComponent("up.json")
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if let data = try? Data(contentsOf: file),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                return object.compactMapValues { $0 as? String }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PlatformError.timeout("up.json never appeared; output: \(consoleOutput)")
    }

    /// Runs `songdal <arguments>` against this platform and returns its exit status and output.
    func songdal(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let command = Process()
        command.executableURL = Self.binaries.appendingPathComponent("songdal")
        command.currentDirectoryURL = home
        command.arguments = arguments
        let file = home.appendingPathComponent("command-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        command.standardOutput = handle
        command.standardError = handle
        try command.run()
        while command.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        try handle.close()
        return (command.terminationStatus, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
    }

    /// Waits until every child has logged that it started.
    func waitUntilStarted(_ children: [String], seconds: Double = 90) async throws -> Bool {
        try await waitUntil(seconds: seconds) { children.allSatisfy { self.log($0).contains("msg=\"started\"") } }
    }

    /// What `songdal up` printed (stdout and stderr).
    var consoleOutput: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// A service's log file content (`<home>/logs/<service>.log`).
    func log(_ service: String) -> String {
        (try? String(contentsOf: home.appendingPathComponent("logs/\(service).log"), encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the supervisor and waits for it to exit; returns its exit status.
    func stop(signal: Int32 = SIGTERM, timeoutSeconds: Double = 45) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning {
            guard Date() < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw PlatformError.timeout("songdal up did not exit after signal \(signal)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return process.terminationStatus
    }

    /// Process ids of the running children whose command line contains `songdal-<service>` under this home.
    func childPIDs(_ service: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let command = String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return command.contains("songdal-\(service) ") && command.contains(home.path)
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        // The children stop by themselves once `up` is gone; make sure before the home goes.
        for pid in allChildPIDs() { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: home)
    }
}

enum PlatformError: Error, CustomStringConvertible {
    case timeout(String)
    var description: String { if case .timeout(let text) = self { text } else { "" } }
}
