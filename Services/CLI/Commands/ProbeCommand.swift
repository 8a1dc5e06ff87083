import ArgumentParser
import Foundation
import Runtime
#if canImport(Glibc)
import Glibc
#endif

/// `songdal probe`: the containers' health check, with nothing else in the image to run.
///
/// Exit 0 when the target answers, 1 when it does not. HTTP goes through the CLI's own small
/// client, since the runtime image has no curl.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Health check: a tcp port accepts, an HTTP URL answers 2xx, or a file exists.")

    @Option(help: "host:port that must accept a tcp connection.")
    var tcp: String?

    @Option(help: "http://host:port/path that must answer 2xx.")
    var http: String?

    @Option(help: "A file that must exist (a service's store once it has started).")
    var file: String?

    @Option(help: "A service's heartbeat file (SONGDAL_HEARTBEAT_FILE) that must be fresh: the process is alive and not frozen.")
    var heartbeat: String?

    @Option(name: .customLong("max-age"), help: "With --heartbeat: the oldest heartbeat that counts, in seconds.")
    var maxAge: Double = 10

    @Option(name: .customLong("kill-after"),
            help: "With --heartbeat: SIGKILL the process named in a heartbeat older than this many seconds, so the container's restart policy starts it afresh.")
    var killAfter: Double?

    func validate() throws {
        guard [tcp, http, file, heartbeat].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --tcp, --http, --file, --heartbeat")
        }
        guard maxAge > 0 else { throw ValidationError("--max-age must be positive") }
        if let killAfter {
            guard heartbeat != nil else { throw ValidationError("--kill-after goes with --heartbeat") }
            guard killAfter >= maxAge else { throw ValidationError("--kill-after must be at least --max-age") }
        }
    }

    func run() throws {
        let healthy: Bool
        if let file {
            healthy = FileManager.default.fileExists(atPath: file)
        } else if let heartbeat {
            let beat = Heartbeat.read(URL(fileURLWithPath: heartbeat))
            healthy = beat.map { $0.age() <= maxAge } ?? false
            if let beat, let killAfter, beat.age() > killAfter, beat.pid > 1 {
                // Alive but frozen: a health check alone would only ever say "unhealthy".
                FileHandle.standardError.write(Data("heartbeat \(Int(beat.age())) s old: killing pid \(beat.pid)\n".utf8))
                kill(beat.pid, SIGKILL)
            }
        } else if let tcp {
            let parts = tcp.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { throw ValidationError("--tcp wants host:port") }
            healthy = Self.accepts(host: String(parts[0]), port: port)
        } else if let http, let url = URL(string: http), url.scheme == "http", let host = url.host {
            let client = try HTTPClient(base: "http://\(host):\(url.port ?? 80)")
            let status = (try? client.get(url.path.isEmpty ? "/" : url.path))?.status
            healthy = status.map { (200..<300).contains($0) } ?? false
        } else {
            throw ValidationError("--http wants an http:// URL")
        }
        if !healthy { throw ExitCode(1) }
    }

    /// Whether `host:port` accepts a tcp connection (resolving `host`).
    private static func accepts(host: String, port: UInt16) -> Bool {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let info = found else { return false }
        defer { freeaddrinfo(found) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0
    }
}
