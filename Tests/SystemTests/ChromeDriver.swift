import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SongdalTesting
import Testing

/// Debian's chromedriver, started on a free loopback port for one test and stopped after it.
final class ChromeDriver: Sendable {
    static let driverPath = "/usr/bin/chromedriver"
    static let browserPath = "/usr/bin/chromium"

    let process: Process
    let client: HTTPClient

    /// Fails the test clearly when chromium or chromedriver is missing (`make test-deps` installs
    /// Debian's `chromium` and `chromium-driver`), then waits until the driver reports ready.
    static func start() async throws -> ChromeDriver {
        for (path, package) in [(browserPath, "chromium"), (driverPath, "chromium-driver")] {
            try #require(FileManager.default.isExecutableFile(atPath: path),
                         "\(path) is missing: install Debian's \(package) (make test-deps) to run the browser walk")
        }
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driverPath)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let driver = ChromeDriver(process: process, client: HTTPClient(host: "127.0.0.1", port: port))
        let ready = await eventually(timeoutSeconds: 20, pollMilliseconds: 100) {
            guard let status = try? await driver.client.get("/status") else { return false }
            return (status.json["value"] as? [String: Any])?["ready"] as? Bool == true
        }
        guard ready else {
            driver.stop()
            throw ChromeDriverError.notReady(port)
        }
        return driver
    }

    private init(process: Process, client: HTTPClient) {
        self.process = process
        self.client = client
    }

    /// Stops this driver process (only the one this test started).
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

enum ChromeDriverError: Error {
    case notReady(Int)
}
