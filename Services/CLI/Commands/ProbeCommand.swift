import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `songdal probe`: the containers' health check, with nothing else in the image to run.
///
/// Exit 0 when the target answers, 1 when it does not. HTTP is spoken by hand over one socket
/// because the runtime image has no curl (and FoundationNetworking would need libcurl).
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

    func validate() throws {
        guard [tcp, http, file].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --tcp, --http, --file")
        }
    }

    func run() throws {
        let healthy: Bool
        if let file {
            healthy = FileManager.default.fileExists(atPath: file)
        } else if let tcp {
            let parts = tcp.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else { throw ValidationError("--tcp wants host:port") }
            healthy = (try? Self.exchange(host: String(parts[0]), port: port, request: nil)) != nil
        } else if let http, let url = URL(string: http), url.scheme == "http", let host = url.host {
            let request = "GET \(url.path.isEmpty ? "/" : url.path) HTTP/1.0\r\nHost: \(host)\r\n\r\n"
            let answer = try? Self.exchange(host: host, port: UInt16(url.port ?? 80), request: request)
            let status = answer.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
            healthy = status.map { (200..<300).contains($0) } ?? false
        } else {
            throw ValidationError("--http wants an http:// URL")
        }
        if !healthy { throw ExitCode(1) }
    }

    /// Connects (resolving `host`), optionally sends `request`, and returns the first bytes read.
    private static func exchange(host: String, port: UInt16, request: String?) throws -> String {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let info = found else { throw ExitCode(1) }
        defer { freeaddrinfo(found) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, 0)
        guard descriptor >= 0 else { throw ExitCode(1) }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else { throw ExitCode(1) }
        guard let request else { return "" }
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { throw ExitCode(1) }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
