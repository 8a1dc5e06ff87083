import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 keep-alive load generator on blocking sockets, one thread per connection
/// (off the cooperative pool), so the benchmark needs neither `wrk` nor an HTTP client library.
enum LoadClient {
    struct Result: Sendable {
        var latencies: [Double]  // milliseconds
        var seconds: Double
        var failures: Int
    }

    /// Sends `total` copies of `request` over `connections` connections; each thread waits for a
    /// response before sending its next request.
    static func run(port: Int, request: [UInt8], total: Int, connections: Int, expectStatus: String) async -> Result {
        await withCheckedContinuation { continuation in
            let group = DispatchGroup()
            let collected = Collected()
            let started = DispatchTime.now().uptimeNanoseconds
            for index in 0..<connections {
                let share = total / connections + (index < total % connections ? 1 : 0)
                group.enter()
                let thread = Thread {
                    let (local, failed) = worker(port: port, request: request, count: share, expectStatus: expectStatus)
                    collected.add(local, failed)
                    group.leave()
                }
                thread.start()
            }
            group.notify(queue: .global()) {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                let (latencies, failures) = collected.value
                continuation.resume(returning: Result(latencies: latencies, seconds: seconds, failures: failures))
            }
        }
    }

    private final class Collected: Sendable {
        private let state = Mutex<(latencies: [Double], failures: Int)>(([], 0))
        func add(_ latencies: [Double], _ failures: Int) { state.withLock { $0.latencies += latencies; $0.failures += failures } }
        var value: ([Double], Int) { state.withLock { ($0.latencies, $0.failures) } }
    }

    private static func worker(port: Int, request: [UInt8], count: Int, expectStatus: String) -> ([Double], Int) {
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        var failures = 0
        var socket = connectLoopback(port: port)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<count {
            if socket < 0 { socket = connectLoopback(port: port) }
            guard socket >= 0 else { failures += 1; continue }
            let start = DispatchTime.now().uptimeNanoseconds
            guard sendAll(socket, request), let status = readResponse(socket, &buffer) else {
                close(socket)
                socket = -1
                failures += 1
                continue
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if status != expectStatus { failures += 1 }
        }
        if socket >= 0 { close(socket) }
        return (latencies, failures)
    }

    private static func connectLoopback(port: Int) -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return -1 }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return -1 }
        return fd
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Reads one response (headers + `Content-Length` body); returns its status code text.
    private static func readResponse(_ fd: Int32, _ buffer: inout [UInt8]) -> String? {
        var received: [UInt8] = []
        var headerEnd: Int?
        var bodyLength = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            received.append(contentsOf: buffer[0..<count])
            if headerEnd == nil, let end = find(received, [13, 10, 13, 10]) {
                headerEnd = end + 4
                let head = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                if let range = head.range(of: "content-length:") {
                    let rest = head[range.upperBound...].prefix { $0 != "\r" }
                    bodyLength = Int(rest.trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headerEnd, received.count >= headerEnd + bodyLength {
                let line = String(decoding: received.prefix(12), as: UTF8.self)
                return String(line.dropFirst(9).prefix(3))
            }
        }
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
        }
        return nil
    }
}
